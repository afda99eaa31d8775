package io.isacemu.training.job;

/** The job queue is full (REST: 429 with {@code Retry-After}); nothing was queued. */
public final class JobsOverloadedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int retryAfterSeconds;

  public JobsOverloadedException(String message, int retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When to try again, s, ≥ 1. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
