package io.isacemu.experimentservice.api;

/** A scenario body beyond {@code isac.experiments.max-body-bytes} (413). */
final class PayloadTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PayloadTooLargeException(long size, long max) {
    super("body: " + size + (size > max ? "" : "+") + " bytes exceeds isac.experiments.max-body-bytes " + max);
  }
}
