package io.isacemu.support;

/**
 * The service is at a configured bound and refuses new work for now (REST: 429 with {@code
 * Retry-After}). Nothing was accepted: the client may retry after {@link #retryAfterSeconds()}.
 */
public class OverloadedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int retryAfterSeconds;

  public OverloadedException(String message, int retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When to try again, s, ≥ 1. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
