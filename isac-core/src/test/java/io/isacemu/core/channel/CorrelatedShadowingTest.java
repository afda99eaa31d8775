package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorrelatedShadowingTest {

  private static final int SAMPLES = 100_000;

  @Test
  void marginalIsZeroMeanWithStandardDeviationSigma() {
    // 7.82 dB, NLOS; steps of 1 km ≫ 13 m give independent samples.
    CorrelatedShadowing shadowing = new CorrelatedShadowing(7.82, 13.0, new SplittableRandom(11));
    double sum = 0.0;
    double sumSquares = 0.0;
    for (int i = 0; i < SAMPLES; i++) {
      double value = shadowing.advance(1000.0);
      sum += value;
      sumSquares += value * value;
    }
    double mean = sum / SAMPLES;
    double std = Math.sqrt(sumSquares / SAMPLES - mean * mean);
    assertThat(mean).isCloseTo(0.0, within(0.1)); // s.e. 0.025 dB
    assertThat(std).isCloseTo(7.82, within(0.02 * 7.82)); // s.e. 0.2 %
  }

  @Test
  void correlationDecaysAsGudmundsonExponential() {
    // LOS: σ 4 dB, d_corr 10 m; Δd = 5 m ⇒ ρ = e^{−0.5} = 0.6065; Δd = 20 m ⇒ e^{−2} = 0.1353.
    assertThat(lagOneCorrelation(5.0, 12)).isCloseTo(Math.exp(-0.5), within(0.015));
    assertThat(lagOneCorrelation(20.0, 13)).isCloseTo(Math.exp(-2.0), within(0.015));
  }

  @Test
  void smallStepsKeepTheMarginalVariance() {
    // AR(1) on the distance axis is exact for any step size: 0.5 m steps still give σ = 4 dB.
    CorrelatedShadowing shadowing = new CorrelatedShadowing(4.0, 10.0, new SplittableRandom(14));
    double sumSquares = 0.0;
    int n = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double value = shadowing.advance(0.5);
      if (i % 100 == 0) { // every 50 m: nearly independent samples
        sumSquares += value * value;
        n++;
      }
    }
    assertThat(Math.sqrt(sumSquares / n)).isCloseTo(4.0, within(0.15));
  }

  @Test
  void noMovementKeepsTheValue() {
    CorrelatedShadowing shadowing = new CorrelatedShadowing(4.0, 10.0, new SplittableRandom(15));
    double before = shadowing.valueDb();
    assertThat(shadowing.advance(0.0)).isEqualTo(before);
  }

  @Test
  void rejectsInvalidArguments() {
    CorrelatedShadowing shadowing = new CorrelatedShadowing(4.0, 10.0, new SplittableRandom(16));
    assertThatThrownBy(() -> shadowing.advance(-1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("movedM: -1.0");
    assertThatThrownBy(() -> new CorrelatedShadowing(4.0, 0.0, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decorrelationDistanceM: 0.0");
  }

  private static double lagOneCorrelation(double stepM, long seed) {
    CorrelatedShadowing shadowing = new CorrelatedShadowing(4.0, 10.0, new SplittableRandom(seed));
    double previous = shadowing.valueDb();
    double cross = 0.0;
    double power = 0.0;
    for (int i = 0; i < SAMPLES; i++) {
      double value = shadowing.advance(stepM);
      cross += previous * value;
      power += previous * previous;
      previous = value;
    }
    return cross / power;
  }
}
