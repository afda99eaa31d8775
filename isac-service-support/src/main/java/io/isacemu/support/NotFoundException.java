package io.isacemu.support;

/** No record with this id (never existed, or evicted): REST 404. Services name their own kinds. */
public class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
