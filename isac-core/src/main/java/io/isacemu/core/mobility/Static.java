package io.isacemu.core.mobility;

import io.isacemu.core.validation.Check;

/**
 * A device that never moves: speed 0, odometer 0, position fixed.
 *
 * @param position the fixed position (BS at the origin)
 */
public record Static(Position position) implements MobilityModel {

  public Static {
    Check.present("position", position);
  }

  @Override
  public double speedMps() {
    return 0.0;
  }

  @Override
  public double odometerM() {
    return 0.0;
  }

  @Override
  public double maxDistanceFromOriginM() {
    return position.distanceFromOriginM();
  }

  @Override
  public Position step(double dtSeconds) {
    Check.nonNegative("dtSeconds", dtSeconds);
    return position;
  }
}
