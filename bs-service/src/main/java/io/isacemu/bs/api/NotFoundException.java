package io.isacemu.bs.api;

/** No record with this id (never existed, or evicted): 404. */
class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param kind what was looked up ({@code task}, {@code experiment}) */
  NotFoundException(String kind, String id) {
    super(kind + " '" + id + "' not found");
  }
}
