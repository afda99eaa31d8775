package io.isacemu.core.mobility;

import io.isacemu.core.validation.Check;

/**
 * A horizontal position in the cell plane, metres, with the base station at the origin {@code (0, 0)}.
 *
 * @param xM x coordinate, m, finite
 * @param yM y coordinate, m, finite
 */
public record Position(double xM, double yM) {

  /** The base station's horizontal position. */
  public static final Position ORIGIN = new Position(0.0, 0.0);

  public Position {
    Check.finite("xM", xM);
    Check.finite("yM", yM);
  }

  /** Horizontal (2D) distance to the base station at the origin, m, {@code ≥ 0}. */
  public double distanceFromOriginM() {
    return Math.hypot(xM, yM);
  }

  /** Horizontal (2D) Euclidean distance to {@code other}, m, {@code ≥ 0}. */
  public double distanceToM(Position other) {
    Check.present("other", other);
    return Math.hypot(other.xM - xM, other.yM - yM);
  }
}
