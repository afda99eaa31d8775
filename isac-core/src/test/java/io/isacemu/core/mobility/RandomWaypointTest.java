package io.isacemu.core.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RandomWaypointTest {

  /** Rounding slack of the convex-combination update, relative to the radius. */
  private static final double ROUNDING = 1e-12;

  @Property(tries = 200)
  void neverLeavesTheDiscAndRespectsSpeedBounds(
      @ForAll @DoubleRange(min = 1.0, max = 5000.0) double radiusM,
      @ForAll @DoubleRange(min = 0.1, max = 30.0) double minSpeedMps,
      @ForAll @DoubleRange(min = 0.0, max = 30.0) double extraSpeedMps,
      @ForAll @DoubleRange(min = 0.0, max = 20.0) double pauseSeconds,
      @ForAll @Size(max = 60) List<@DoubleRange(min = 0.0, max = 500.0) Double> steps,
      @ForAll long seed) {
    double maxSpeedMps = minSpeedMps + extraSpeedMps;
    RandomWaypoint.Parameters parameters =
        new RandomWaypoint.Parameters(radiusM, minSpeedMps, maxSpeedMps, pauseSeconds);
    RandomWaypoint model = new RandomWaypoint(parameters, new SplittableRandom(seed));
    assertThat(model.position().distanceFromOriginM()).isLessThanOrEqualTo(radiusM * (1 + ROUNDING));
    for (double dt : steps) {
      Position before = model.position();
      double odometerBefore = model.odometerM();
      Position after = model.step(dt);
      double pathM = model.odometerM() - odometerBefore;

      assertThat(after.distanceFromOriginM()).isLessThanOrEqualTo(radiusM * (1 + ROUNDING));
      assertThat(model.waypoint().distanceFromOriginM()).isLessThanOrEqualTo(radiusM * (1 + ROUNDING));
      // Never faster than maxSpeed on average; the straight line is never longer than the path.
      assertThat(pathM).isBetween(0.0, maxSpeedMps * dt * (1 + 1e-9) + 1e-9);
      assertThat(before.distanceToM(after)).isLessThanOrEqualTo(pathM + 1e-9 * (1 + radiusM));
      double speed = model.speedMps();
      if (speed != 0.0) {
        assertThat(speed).isBetween(minSpeedMps, maxSpeedMps);
      }
      if (pauseSeconds == 0.0) {
        assertThat(speed).isBetween(minSpeedMps, maxSpeedMps);
        assertThat(pathM).isGreaterThanOrEqualTo(minSpeedMps * dt * (1 - 1e-9) - 1e-9);
      }
    }
  }

  @Property(tries = 50)
  void oneLongStepEqualsManyShortOnes(
      @ForAll @DoubleRange(min = 0.5, max = 20.0) double pauseSeconds,
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0.0, max = 30.0) Double> chunks,
      @ForAll long seed) {
    RandomWaypoint.Parameters parameters = new RandomWaypoint.Parameters(50.0, 1.0, 5.0, pauseSeconds);
    RandomWaypoint chunked = new RandomWaypoint(parameters, new SplittableRandom(seed));
    RandomWaypoint whole = new RandomWaypoint(parameters, new SplittableRandom(seed));
    double total = 0.0;
    for (double dt : chunks) {
      chunked.step(dt);
      total += dt;
    }
    whole.step(total);
    assertThat(whole.position().xM()).isCloseTo(chunked.position().xM(), within(1e-6));
    assertThat(whole.position().yM()).isCloseTo(chunked.position().yM(), within(1e-6));
    assertThat(whole.odometerM()).isCloseTo(chunked.odometerM(), within(1e-6));
  }

  @Test
  void passesSeveralWaypointsInOneStepExactly() {
    // 10 m disc, 10 m/s, no pause: in 100 s the device covers exactly 1000 m through ≥ 50 legs
    // (each leg ≤ 20 m), and one step lands where 10⁴ steps of 10 ms land.
    RandomWaypoint.Parameters parameters = new RandomWaypoint.Parameters(10.0, 10.0, 10.0, 0.0);
    RandomWaypoint whole = new RandomWaypoint(parameters, new SplittableRandom(21));
    RandomWaypoint fine = new RandomWaypoint(parameters, new SplittableRandom(21));
    Position firstWaypoint = whole.waypoint();
    whole.step(100.0);
    for (int i = 0; i < 10_000; i++) {
      fine.step(0.01);
    }
    assertThat(whole.waypoint()).isNotEqualTo(firstWaypoint);
    assertThat(whole.odometerM()).isCloseTo(1000.0, within(1e-9));
    assertThat(fine.odometerM()).isCloseTo(1000.0, within(1e-9));
    assertThat(whole.position().distanceToM(fine.position())).isLessThan(1e-6);
  }

  @Test
  void pausesAtEachWaypoint() {
    RandomWaypoint.Parameters parameters = new RandomWaypoint.Parameters(100.0, 2.0, 2.0, 1e6);
    RandomWaypoint model = new RandomWaypoint(parameters, new SplittableRandom(22));
    double firstLegM = model.position().distanceToM(model.waypoint());
    Position target = model.waypoint();
    model.step(firstLegM / 2.0 + 10.0); // arrives, then pauses for a very long time
    assertThat(model.position()).isEqualTo(target);
    assertThat(model.speedMps()).isZero();
    double odometer = model.odometerM();
    model.step(1000.0);
    assertThat(model.position()).isEqualTo(target);
    assertThat(model.odometerM()).isEqualTo(odometer);
  }

  @Test
  void startsUniformlyOverTheDiscArea() {
    // P(r ≤ R/2) = 1/4 for a uniform disc; 20 000 starts, standard error 0.003.
    RandomWaypoint.Parameters parameters = RandomWaypoint.Parameters.reference();
    int inner = 0;
    int n = 20_000;
    SplittableRandom seeds = new SplittableRandom(23);
    for (int i = 0; i < n; i++) {
      RandomWaypoint model = new RandomWaypoint(parameters, new SplittableRandom(seeds.nextLong()));
      if (model.position().distanceFromOriginM() <= 100.0) {
        inner++;
      }
    }
    assertThat((double) inner / n).isCloseTo(0.25, within(0.015));
  }

  @Test
  void sameSeedSameTrajectoryDifferentSeedDifferent() {
    RandomWaypoint a = new RandomWaypoint(RandomWaypoint.Parameters.reference(), new SplittableRandom(5));
    RandomWaypoint b = new RandomWaypoint(RandomWaypoint.Parameters.reference(), new SplittableRandom(5));
    RandomWaypoint c = new RandomWaypoint(RandomWaypoint.Parameters.reference(), new SplittableRandom(6));
    for (int i = 0; i < 100; i++) {
      assertThat(a.step(3.0)).isEqualTo(b.step(3.0));
      c.step(3.0);
    }
    assertThat(c.position()).isNotEqualTo(a.position());
  }

  @Test
  void referenceParameters() {
    RandomWaypoint.Parameters reference = RandomWaypoint.Parameters.reference();
    assertThat(reference.cellRadiusM()).isEqualTo(200.0);
    assertThat(reference.minSpeedMps()).isEqualTo(0.5);
    assertThat(reference.maxSpeedMps()).isEqualTo(1.5);
    assertThat(reference.pauseSeconds()).isEqualTo(1.0);
  }

  @Test
  void startPositionIsHonoured() {
    Position start = new Position(30.0, -40.0);
    RandomWaypoint model =
        new RandomWaypoint(RandomWaypoint.Parameters.reference(), start, new SplittableRandom(1));
    assertThat(model.position()).isEqualTo(start);
    assertThat(model.odometerM()).isZero();
  }

  @Test
  void rejectsInvalidParametersNamingFieldAndValue() {
    assertThatThrownBy(() -> new RandomWaypoint.Parameters(0.0, 1.0, 2.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cellRadiusM: 0.0");
    assertThatThrownBy(() -> new RandomWaypoint.Parameters(-5.0, 1.0, 2.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cellRadiusM: -5.0");
    assertThatThrownBy(() -> new RandomWaypoint.Parameters(200.0, 3.0, 2.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSpeedMps: 3.0")
        .hasMessageContaining("maxSpeedMps (2.0)");
    assertThatThrownBy(() -> new RandomWaypoint.Parameters(200.0, 0.0, 2.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSpeedMps: 0.0");
    assertThatThrownBy(() -> new RandomWaypoint.Parameters(200.0, 1.0, Double.NaN, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSpeedMps: NaN");
    assertThatThrownBy(() -> new RandomWaypoint.Parameters(200.0, 1.0, 2.0, -1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pauseSeconds: -1.0");
    assertThatThrownBy(
            () -> new RandomWaypoint(
                RandomWaypoint.Parameters.reference(), new Position(300.0, 0.0), new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start");
  }

  @Test
  void rejectsInvalidStepsNamingFieldAndValue() {
    RandomWaypoint model = new RandomWaypoint(RandomWaypoint.Parameters.reference(), new SplittableRandom(1));
    assertThatThrownBy(() -> model.step(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtSeconds: -0.1");
    assertThatThrownBy(() -> model.step(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtSeconds: NaN");
    assertThatThrownBy(() -> model.step(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtSeconds: Infinity");
  }
}
