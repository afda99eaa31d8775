package io.isacemu.device.emulator;

import io.isacemu.core.mobility.MobilityModel;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.mobility.RandomWaypoint;
import io.isacemu.core.mobility.Static;
import io.isacemu.core.validation.Check;
import java.util.random.RandomGenerator;

/** How an emulated device moves; builds the {@link MobilityModel} from the device's seeded stream. */
public sealed interface MobilitySpec {

  /** The model, drawing any randomness from {@code rng}. */
  MobilityModel create(RandomGenerator rng);

  /**
   * A device that never moves.
   *
   * @param position its position, m (BS at the origin)
   */
  record Fixed(Position position) implements MobilitySpec {
    public Fixed {
      Check.present("position", position);
    }

    @Override
    public MobilityModel create(RandomGenerator rng) {
      return new Static(position);
    }
  }

  /**
   * Random waypoint mobility starting at {@code start}.
   *
   * @param parameters cell radius, speed range and pause
   * @param start initial position, m; within {@code parameters.cellRadiusM()} of the BS
   */
  record Waypoint(RandomWaypoint.Parameters parameters, Position start) implements MobilitySpec {
    public Waypoint {
      Check.present("parameters", parameters);
      Check.present("start", start);
      if (start.distanceFromOriginM() > parameters.cellRadiusM()) {
        throw new IllegalArgumentException("start: " + start
            + " lies outside the cell of radius " + parameters.cellRadiusM() + " m");
      }
    }

    @Override
    public MobilityModel create(RandomGenerator rng) {
      return new RandomWaypoint(parameters, start, rng);
    }
  }
}
