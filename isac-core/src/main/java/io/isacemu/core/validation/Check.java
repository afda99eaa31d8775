package io.isacemu.core.validation;

/**
 * Constructor-time validation for value objects. Every failure is an {@link
 * InvalidFieldException} naming the field and the offending value.
 */
public final class Check {

  private Check() {}

  /** {@code value} is finite (not NaN, not ±∞). */
  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw InvalidFieldException.rejected(field, value, "is not a finite number");
    }
    return value;
  }

  /** {@code value} is finite and {@code > 0}. */
  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw InvalidFieldException.rejected(field, value, "must be a finite number > 0");
    }
    return value;
  }

  /** {@code value} is finite and {@code ≥ 0}. */
  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw InvalidFieldException.rejected(field, value, "must be a finite number >= 0");
    }
    return value;
  }

  /** {@code value} is finite and in {@code [min, max]}. */
  public static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw InvalidFieldException.rejected(field, value, "is outside the valid range [" + min + ", " + max + "]");
    }
    return value;
  }

  /** {@code value ≥ 0}. */
  public static int nonNegative(String field, int value) {
    if (value < 0) {
      throw InvalidFieldException.rejected(field, value, "must be >= 0");
    }
    return value;
  }

  /** {@code value ≥ 1}. */
  public static int positive(String field, int value) {
    if (value < 1) {
      throw InvalidFieldException.rejected(field, value, "must be >= 1");
    }
    return value;
  }

  /** {@code value ≥ 0}. */
  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw InvalidFieldException.rejected(field, value, "must be >= 0");
    }
    return value;
  }

  /** {@code value} is not null (for required references; the platform never uses null for "absent"). */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw InvalidFieldException.required(field);
    }
    return value;
  }
}
