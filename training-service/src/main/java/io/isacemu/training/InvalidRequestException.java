package io.isacemu.training;

/**
 * A request value is invalid; answered with 400 and a problem detail. The message starts with the
 * field's name: {@code "field: value ... reason"}.
 */
public final class InvalidRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  public InvalidRequestException(String message) {
    super(message);
  }

  /** The field named by the message (text before the first {@code ": "}), or empty. */
  public String field() {
    String m = getMessage() == null ? "" : getMessage();
    int i = m.indexOf(": ");
    return i > 0 ? m.substring(0, i) : "";
  }
}
