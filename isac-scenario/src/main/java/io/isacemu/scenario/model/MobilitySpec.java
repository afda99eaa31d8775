package io.isacemu.scenario.model;

import io.isacemu.core.mobility.RandomWaypoint.Parameters;
import io.isacemu.core.validation.InvalidFieldException;

/**
 * Key {@code devices.<modality>.mobility}: how the devices of a group move. Closed set: {@code type:
 * static} or {@code type: random-waypoint}; each type has only its own keys.
 */
public sealed interface MobilitySpec {

  /** The value of key {@code type}. */
  String type();

  /** {@code type: static}: the devices stay where they start. No other key. */
  record Static() implements MobilitySpec {
    @Override
    public String type() {
      return "static";
    }
  }

  /**
   * {@code type: random-waypoint} inside the cell disc ({@code cell.radiusM}), as {@link
   * io.isacemu.core.mobility.RandomWaypoint}.
   *
   * @param minSpeedMps lower bound of a leg's speed, m/s, in (0, 100]; default 0.5 (DemoLauncher)
   * @param maxSpeedMps upper bound, m/s, in (0, 100], ≥ {@code minSpeedMps}; default 1.5 (DemoLauncher)
   * @param pauseSeconds pause at each waypoint, s, in [0, 3600]; default 1 (DemoLauncher {@code pause-s=1})
   */
  record RandomWaypoint(double minSpeedMps, double maxSpeedMps, double pauseSeconds) implements MobilitySpec {

    /** Today's demo: pedestrian 0.5–1.5 m/s, 1 s pause. */
    public static final RandomWaypoint DEFAULTS = new RandomWaypoint(0.5, 1.5, 1.0);

    public RandomWaypoint {
      Limits.SPEED_MPS.check("minSpeedMps", minSpeedMps);
      Limits.SPEED_MPS.check("maxSpeedMps", maxSpeedMps);
      Limits.PAUSE_S.check("pauseSeconds", pauseSeconds);
      if (minSpeedMps > maxSpeedMps) {
        throw new InvalidFieldException("maxSpeedMps", maxSpeedMps,
            Range.show(maxSpeedMps) + " must be >= minSpeedMps " + Range.show(minSpeedMps));
      }
    }

    @Override
    public String type() {
      return "random-waypoint";
    }

    /** The core model's parameters in a cell of {@code cellRadiusM}. */
    public Parameters parameters(double cellRadiusM) {
      return new Parameters(cellRadiusM, minSpeedMps, maxSpeedMps, pauseSeconds);
    }
  }
}
