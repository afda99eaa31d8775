package io.isacemu.learning;

/** A model bundle is missing, partial, corrupt or does not match its declared architecture. */
public final class BundleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BundleException(String message) {
    super(message);
  }

  BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
