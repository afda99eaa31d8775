package io.isacemu.core.validation;

/**
 * A value that breaks a rule of its field. Carries the field path and the rejected value so that an
 * adapter (REST problem details) reports them as data instead of parsing the message, which reads
 * {@code "field: detail"}. An {@link IllegalArgumentException}, so callers that catch those still do.
 */
public class InvalidFieldException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final transient Object value;

  /** Message {@code field + ": " + detail}; {@code detail} says what is wrong with {@code value}. */
  public InvalidFieldException(String field, Object value, String detail, Throwable cause) {
    super(field + ": " + detail, cause);
    this.field = field;
    this.value = value;
  }

  public InvalidFieldException(String field, Object value, String detail) {
    this(field, value, detail, null);
  }

  /** {@code "field: <value> reason"}, a text value quoted: {@code "mode: 'fast' is not a mode"}. */
  public static InvalidFieldException rejected(String field, Object value, String reason) {
    return new InvalidFieldException(field, value, shown(value) + " " + reason);
  }

  /** {@code "field: is required (was null)"}. */
  public static InvalidFieldException required(String field) {
    return new InvalidFieldException(field, null, "is required (was null)");
  }

  /** The same problem under another path (a wrapper names the element it was given). */
  public InvalidFieldException renamed(String newField) {
    return new InvalidFieldException(newField, value, detail(), this);
  }

  /** The field path: {@code count}, {@code sampleIds[0]}, {@code dataset.path}. */
  public String field() {
    return field;
  }

  /** The rejected value; null when absent. */
  public Object value() {
    return value;
  }

  /** The message without the leading {@code "field: "}. */
  public String detail() {
    return getMessage().substring(field.length() + 2);
  }

  private static String shown(Object value) {
    return value instanceof CharSequence s ? "'" + s + "'" : String.valueOf(value);
  }
}
