package io.isacemu.support;

/**
 * The service cannot serve this yet (e.g. no model in service): 503. A type of its own so that an
 * {@link IllegalStateException}, which usually means a bug, is never reported as "try later".
 */
public class ServiceUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message) {
    super(message);
  }
}
