package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.core.units.Units;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorrelatedFadingTest {

  private static final int SAMPLES = 200_000;
  /** ρ = J0(first zero) ≈ 0: consecutive samples are independent. */
  private static final double INDEPENDENT = BesselJ0.j0(2.404825557695773);

  @Test
  void rayleighHasUnitMeanPowerAndExponentialTail() {
    CorrelatedFading fading = new CorrelatedFading(new SplittableRandom(1));
    double sum = 0.0;
    int aboveOne = 0;
    for (int i = 0; i < SAMPLES; i++) {
      fading.advance(INDEPENDENT);
      double power = fading.powerLinear(0.0, 0.0);
      sum += power;
      if (power > 1.0) {
        aboveOne++;
      }
    }
    assertThat(sum / SAMPLES).isCloseTo(1.0, within(0.015)); // standard error 0.0022
    // |g|² ~ Exp(1): P(|g|² > 1) = e^{−1}; standard error 0.0011
    assertThat((double) aboveOne / SAMPLES).isCloseTo(Math.exp(-1.0), within(0.006));
  }

  @Test
  void ricianHasUnitMeanPowerAndItsKFactorIsRecoveredFromMoments() {
    double kLinear = Units.dbToLinear(9.0); // 7.943
    CorrelatedFading fading = new CorrelatedFading(new SplittableRandom(2));
    SplittableRandom phases = new SplittableRandom(3);
    double m2 = 0.0;
    double m4 = 0.0;
    for (int i = 0; i < SAMPLES; i++) {
      fading.advance(INDEPENDENT);
      double power = fading.powerLinear(kLinear, 2.0 * Math.PI * phases.nextDouble());
      m2 += power;
      m4 += power * power;
    }
    m2 /= SAMPLES;
    m4 /= SAMPLES;
    assertThat(m2).isCloseTo(1.0, within(0.01)); // Var|h|² = (1+2K)/(1+K)² = 0.21: s.e. 0.001
    // Moment estimator: E|h|⁴ = Ω²(2 + 4K + K²)/(1+K)² ⇒ K = √(2μ2² − μ4) / (μ2 − √(2μ2² − μ4)).
    double root = Math.sqrt(2.0 * m2 * m2 - m4);
    double kEstimate = root / (m2 - root);
    assertThat(kEstimate).isCloseTo(kLinear, within(0.05 * kLinear));
  }

  @Test
  void lagOneAutocorrelationIsJ0OfDopplerTimesLag() {
    // 30 km/h at 3.5 GHz: f_D = 8.333 · 3.5e9 / c = 97.3 Hz; Δt = 1 ms ⇒ ρ = J0(0.611) ≈ 0.909.
    double dopplerHz = (30.0 / 3.6) * 3.5e9 / Units.SPEED_OF_LIGHT_M_PER_S;
    double rho = BesselJ0.j0(2.0 * Math.PI * dopplerHz * 1e-3);
    assertThat(rho).isBetween(0.90, 0.92);
    assertThat(lagOneCorrelation(rho, 4)).isCloseTo(rho, within(0.01));
  }

  @Test
  void negativeCorrelationIsReproducedToo() {
    double rho = BesselJ0.j0(4.0); // −0.397
    assertThat(lagOneCorrelation(rho, 5)).isCloseTo(rho, within(0.01));
  }

  @Test
  void noMotionFreezesTheGain() {
    CorrelatedFading fading = new CorrelatedFading(new SplittableRandom(6));
    double before = fading.powerLinear(0.0, 0.0);
    fading.advance(1.0);
    assertThat(fading.powerLinear(0.0, 0.0)).isEqualTo(before);
  }

  @Test
  void rejectsInvalidArguments() {
    CorrelatedFading fading = new CorrelatedFading(new SplittableRandom(7));
    assertThatThrownBy(() -> fading.advance(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rho: 1.5");
    assertThatThrownBy(() -> fading.powerLinear(-1.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kFactorLinear: -1.0");
  }

  /** Re E[g_t g*_{t+1}] / E|g|² over a long Gauss–Markov run. */
  private static double lagOneCorrelation(double rho, long seed) {
    CorrelatedFading fading = new CorrelatedFading(new SplittableRandom(seed));
    double cross = 0.0;
    double power = 0.0;
    double re = fading.diffuseRe();
    double im = fading.diffuseIm();
    for (int i = 0; i < SAMPLES; i++) {
      fading.advance(rho);
      double nextRe = fading.diffuseRe();
      double nextIm = fading.diffuseIm();
      cross += re * nextRe + im * nextIm;
      power += re * re + im * im;
      re = nextRe;
      im = nextIm;
    }
    return cross / power;
  }
}
