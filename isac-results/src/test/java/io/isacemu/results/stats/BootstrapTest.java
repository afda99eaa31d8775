package io.isacemu.results.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static double[] normal(int n, long seed) {
    Random r = new Random(seed);
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = 10 + 2 * r.nextGaussian();
    }
    return xs;
  }

  @Test
  void sameSeedSameIntervalOtherSeedOtherInterval() {
    double[] xs = normal(200, 1);
    ConfidenceInterval a = new Bootstrap(1000, 7).meanInterval(xs, 0.95).orElseThrow();
    ConfidenceInterval b = new Bootstrap(1000, 7).meanInterval(xs, 0.95).orElseThrow();
    ConfidenceInterval c = new Bootstrap(1000, 8).meanInterval(xs, 0.95).orElseThrow();
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(a.method()).isEqualTo(ConfidenceInterval.Method.BOOTSTRAP);
    assertThat(a.n()).isEqualTo(200);
  }

  @Test
  void agreesWithTheNormalTheoryIntervalOnALargeSample() {
    double[] xs = normal(400, 3);
    ConfidenceInterval boot = new Bootstrap(2000, 11).meanInterval(xs, 0.95).orElseThrow();
    ConfidenceInterval t = StudentT.interval(xs, 0.95);
    assertThat(boot.mean()).isEqualTo(t.mean(), within(1e-12));
    // half-width 1.96·2/√400 ≈ 0.196; the bootstrap is within ~10 % of it
    assertThat(boot.halfWidth()).isCloseTo(t.halfWidth(), within(0.02));
    assertThat(boot.lower()).isLessThan(boot.mean());
    assertThat(boot.upper()).isGreaterThan(boot.mean());
  }

  @Test
  void degenerateCases() {
    assertThat(new Bootstrap(100, 1).meanInterval(new double[] {4}, 0.95).orElseThrow().method())
        .isEqualTo(ConfidenceInterval.Method.POINT);
    assertThat(new Bootstrap(100, 1).interval(3, idx -> Double.NaN, 0.95)).isEmpty();
    assertThatThrownBy(() -> new Bootstrap(10, 1)).hasMessageContaining("resamples").hasMessageContaining("10");
    assertThat(Quantiles.of(new double[] {4, 1, 3, 2}, 0.95)).isCloseTo(3.85, within(1e-12));
  }
}
