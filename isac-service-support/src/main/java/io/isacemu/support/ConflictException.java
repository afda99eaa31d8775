package io.isacemu.support;

/** The resource is in a state that does not allow the request (e.g. results of a running job): 409. */
public class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
