package io.isacemu.training.bundle;

/** No published bundle has the requested version (or none has been published yet). */
public final class BundleNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BundleNotFoundException(String message) {
    super(message);
  }
}
