package io.isacemu.scenario.model;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Optional;

/**
 * The valid interval of a numeric scenario key. One instance per key ({@link Limits}) serves the
 * loader (which reports every violation with its key path) and the records' constructors (which
 * refuse a value built in code), so the two cannot disagree.
 *
 * @param min lower bound (may be −∞)
 * @param max upper bound (may be +∞)
 * @param minOpen whether {@code min} itself is excluded
 */
public record Range(double min, double max, boolean minOpen) {

  /** {@code (min, max]}. */
  public static Range above(double min, double max) {
    return new Range(min, max, true);
  }

  /** {@code [min, max]}. */
  public static Range closed(double min, double max) {
    return new Range(min, max, false);
  }

  /** Why {@code v} is outside, e.g. {@code "-3 must be > 0"}; empty when inside. */
  public Optional<String> violation(double v) {
    boolean ok = Double.isFinite(v) && (minOpen ? v > min : v >= min) && v <= max;
    return ok ? Optional.empty() : Optional.of(show(v) + " " + rule());
  }

  /** The rule in words: {@code must be > 0}, {@code must be in [1, 1024]}, {@code must be in (0, 1e10]}. */
  public String rule() {
    if (max == Double.POSITIVE_INFINITY) {
      return "must be " + (minOpen ? "> " : ">= ") + show(min);
    }
    return "must be in " + (minOpen ? "(" : "[") + show(min) + ", " + show(max) + "]";
  }

  /** {@code v} if inside, else an {@link InvalidFieldException} naming {@code field}. */
  public double check(String field, double v) {
    Optional<String> bad = violation(v);
    if (bad.isPresent()) {
      throw new InvalidFieldException(field, v, bad.get());
    }
    return v;
  }

  /** As {@link #check(String, double)} for an integer key. */
  public int check(String field, int v) {
    check(field, (double) v);
    return v;
  }

  /** A number as a person writes it: {@code 20000000}, {@code 0.5}, {@code 1.0E-28}. */
  public static String show(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
