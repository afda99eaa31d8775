package io.isacemu.core.mobility;

import io.isacemu.core.validation.Check;
import java.util.random.RandomGenerator;

/**
 * Random waypoint mobility (Johnson &amp; Maltz 1996) inside a disc of radius {@code cellRadiusM}
 * around the base station at the origin.
 *
 * <p>Each leg: a waypoint is drawn uniformly over the disc area ({@code r = R·√U}, {@code θ = 2πV}),
 * a speed uniformly in {@code [minSpeedMps, maxSpeedMps]}; the device moves on a straight line at
 * that speed, then pauses {@code pauseSeconds} at the waypoint. The disc is convex, so the device
 * never leaves it. The next leg is drawn at the arrival instant, so the trajectory does not depend
 * on how time is chopped into steps: {@code step(a + b)} equals {@code step(a); step(b)} up to
 * rounding, and one step may pass several waypoints.
 *
 * <p>The initial position (unless given) is uniform over the disc, not the random waypoint
 * stationary distribution (which is denser near the centre); a warm-up run removes the transient
 * if needed. {@code minSpeedMps > 0} is required: with a zero minimum speed the mean speed decays
 * towards 0 over time (Yoon, Liu &amp; Noble, "Random waypoint considered harmful", INFOCOM 2003).
 *
 * <p>Not thread-safe.
 */
public final class RandomWaypoint implements MobilityModel {

  /**
   * Random waypoint parameters.
   *
   * @param cellRadiusM radius of the disc around the BS that holds every waypoint, m, {@code > 0}
   * @param minSpeedMps lower bound of the per-leg speed, m/s, {@code > 0}
   * @param maxSpeedMps upper bound of the per-leg speed, m/s, {@code ≥ minSpeedMps}, finite
   * @param pauseSeconds pause at each waypoint, s, {@code ≥ 0}
   */
  public record Parameters(
      double cellRadiusM, double minSpeedMps, double maxSpeedMps, double pauseSeconds) {

    public Parameters {
      Check.positive("cellRadiusM", cellRadiusM);
      Check.positive("minSpeedMps", minSpeedMps);
      Check.positive("maxSpeedMps", maxSpeedMps);
      if (minSpeedMps > maxSpeedMps) {
        throw new IllegalArgumentException(
            "minSpeedMps: " + minSpeedMps + " must be <= maxSpeedMps (" + maxSpeedMps + ")");
      }
      Check.nonNegative("pauseSeconds", pauseSeconds);
    }

    /**
     * Reference pedestrian setting: 200 m cell radius, 0.5–1.5 m/s (1.8–5.4 km/h, around the 3 km/h
     * of 3GPP pedestrian evaluations), 1 s pause.
     */
    public static Parameters reference() {
      return new Parameters(200.0, 0.5, 1.5, 1.0);
    }
  }

  private final Parameters parameters;
  private final RandomGenerator rng;
  private double xM;
  private double yM;
  private double targetXM;
  private double targetYM;
  private double legSpeedMps;
  private double pauseRemainingSeconds;
  private double odometerM;

  /** Starts at a position drawn uniformly over the disc, then draws the first leg. */
  public RandomWaypoint(Parameters parameters, RandomGenerator rng) {
    this.parameters = Check.present("parameters", parameters);
    this.rng = Check.present("rng", rng);
    Position start = drawInDisc();
    this.xM = start.xM();
    this.yM = start.yM();
    drawNextLeg();
  }

  /**
   * Starts at {@code start}, which must lie inside the disc, then draws the first leg.
   *
   * @throws IllegalArgumentException if {@code start} is farther than {@code cellRadiusM} from the
   *     origin
   */
  public RandomWaypoint(Parameters parameters, Position start, RandomGenerator rng) {
    this.parameters = Check.present("parameters", parameters);
    this.rng = Check.present("rng", rng);
    Check.present("start", start);
    if (start.distanceFromOriginM() > parameters.cellRadiusM()) {
      throw new IllegalArgumentException(
          "start: " + start + " lies outside the disc of radius cellRadiusM " + parameters.cellRadiusM());
    }
    this.xM = start.xM();
    this.yM = start.yM();
    drawNextLeg();
  }

  /** The parameters this model was built with. */
  public Parameters parameters() {
    return parameters;
  }

  @Override
  public Position position() {
    return new Position(xM, yM);
  }

  /** The waypoint currently headed for (or paused at), m. */
  public Position waypoint() {
    return new Position(targetXM, targetYM);
  }

  @Override
  public double speedMps() {
    return pauseRemainingSeconds > 0.0 ? 0.0 : legSpeedMps;
  }

  @Override
  public double odometerM() {
    return odometerM;
  }

  @Override
  public double maxDistanceFromOriginM() {
    return parameters.cellRadiusM();
  }

  @Override
  public Position step(double dtSeconds) {
    Check.nonNegative("dtSeconds", dtSeconds);
    double remainingSeconds = dtSeconds;
    // Event loop: pause ends and waypoint arrivals inside the step are handled exactly.
    while (remainingSeconds > 0.0) {
      if (pauseRemainingSeconds > 0.0) {
        double pause = Math.min(pauseRemainingSeconds, remainingSeconds);
        pauseRemainingSeconds -= pause;
        remainingSeconds -= pause;
        continue;
      }
      double legM = Math.hypot(targetXM - xM, targetYM - yM);
      double arrivalSeconds = legM / legSpeedMps;
      if (arrivalSeconds <= remainingSeconds) {
        xM = targetXM;
        yM = targetYM;
        odometerM += legM;
        remainingSeconds -= arrivalSeconds;
        pauseRemainingSeconds = parameters.pauseSeconds();
        drawNextLeg();
      } else {
        double movedM = legSpeedMps * remainingSeconds;
        double fraction = movedM / legM; // in [0, 1): convex combination stays in the disc
        xM += (targetXM - xM) * fraction;
        yM += (targetYM - yM) * fraction;
        odometerM += movedM;
        remainingSeconds = 0.0;
      }
    }
    return position();
  }

  private void drawNextLeg() {
    Position next = drawInDisc();
    targetXM = next.xM();
    targetYM = next.yM();
    double span = parameters.maxSpeedMps() - parameters.minSpeedMps();
    legSpeedMps = parameters.minSpeedMps() + span * rng.nextDouble();
  }

  /** Uniform over the disc area: radius {@code R·√U} (area element ∝ r dr), angle {@code 2πV}. */
  private Position drawInDisc() {
    double r = parameters.cellRadiusM() * Math.sqrt(rng.nextDouble());
    double theta = 2.0 * Math.PI * rng.nextDouble();
    return new Position(r * Math.cos(theta), r * Math.sin(theta));
  }

  @Override
  public String toString() {
    return "RandomWaypoint[" + parameters + ", position=" + position() + "]";
  }
}
