package io.isacemu.core.mobility;

/**
 * How a device moves in the horizontal plane around the base station (at the origin).
 *
 * <p>Implementations are stateful processes advanced by {@link #step(double)}; randomness, if
 * any, comes from an injected {@link java.util.random.RandomGenerator}, so the same seed gives the
 * same trajectory. Not thread-safe.
 */
public sealed interface MobilityModel permits Static, RandomWaypoint {

  /** Current position. */
  Position position();

  /** Instantaneous speed now, m/s, {@code ≥ 0} (0 while static or pausing). */
  double speedMps();

  /**
   * Total path length travelled since creation, m, {@code ≥ 0}. The difference across a {@link
   * #step(double)} is the distance moved along the path in that step (used for distance-driven
   * shadowing and Doppler correlation).
   */
  double odometerM();

  /**
   * Largest horizontal distance from the origin this model can ever reach, m (used to check a
   * path-loss model's validity range before a run starts).
   */
  double maxDistanceFromOriginM();

  /**
   * Advances the model by exactly {@code dtSeconds} and returns the new position.
   *
   * @param dtSeconds time step, s, finite and {@code ≥ 0}; 0 leaves the state unchanged
   * @throws IllegalArgumentException if {@code dtSeconds} is negative, NaN or infinite
   */
  Position step(double dtSeconds);
}
