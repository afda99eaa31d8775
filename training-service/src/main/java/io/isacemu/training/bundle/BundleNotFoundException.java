package io.isacemu.training.bundle;

import io.isacemu.support.NotFoundException;

/** No published bundle has the requested version (or none has been published yet). */
public final class BundleNotFoundException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  public BundleNotFoundException(String message) {
    super(message);
  }
}
