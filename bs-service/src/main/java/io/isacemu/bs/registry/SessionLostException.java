package io.isacemu.bs.registry;

/** A device's session ended (lost, detached or closed) while a command was outstanding. */
public class SessionLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SessionLostException(String message) {
    super(message);
  }
}
