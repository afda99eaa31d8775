package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.learning.metrics.RoutingStats;
import io.isacemu.learning.metrics.SentimentMetrics;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PropertiesTest {

  @Property(tries = 200)
  void temperatureNeverIncreasesAndStaysInRange(
      @ForAll @DoubleRange(min = 0.01, max = 10) double tau0,
      @ForAll @DoubleRange(min = 0.01, max = 1) double fraction,
      @ForAll @IntRange(min = 1, max = 60) int epochs) {
    TemperatureSchedule s = new TemperatureSchedule(tau0, tau0 * fraction);
    double previous = Double.POSITIVE_INFINITY;
    for (int e = 0; e < epochs; e++) {
      double t = s.at(e, epochs);
      assertThat(t).isLessThanOrEqualTo(previous * (1 + 1e-12)).isBetween(s.minimum() * (1 - 1e-12), tau0 * (1 + 1e-12));
      previous = t;
    }
  }

  @Property(tries = 200)
  void accuraciesAreFractionsAndPerfectPredictionsScoreOne(
      @ForAll @Size(min = 1, max = 40) List<@FloatRange(min = -3, max = 3) Float> labels) {
    float[] y = new float[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    SentimentMetrics m = SentimentMetrics.compute(y, y);
    assertThat(m.acc2HasZero()).isEqualTo(1.0);
    assertThat(m.acc7()).isEqualTo(1.0);
    assertThat(m.mae()).isEqualTo(0.0);
    float[] flipped = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      flipped[i] = -y[i] - 0.5f;
    }
    SentimentMetrics f = SentimentMetrics.compute(y, flipped);
    assertThat(f.acc2HasZero()).isBetween(0.0, 1.0);
    assertThat(f.acc7()).isBetween(0.0, 1.0);
  }

  @Property(tries = 200)
  void usageSharesSumToOneAndExpectedCostIsBetweenMinAndMax(
      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 1) Integer> choices) {
    int[] c = choices.stream().mapToInt(Integer::intValue).toArray();
    RoutingStats r = RoutingStats.of(c, List.of("T", "V+A+T"), TestCosts.table(CostMetric.ENERGY));
    assertThat(r.usageShares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.expected().energyJoules()).isBetween(0.1 - 1e-12, 1.0 + 1e-12);
    assertThat(r.expectedNormalisedCost()).isBetween(0.0, 1.0 + 1e-12);
  }
}
