package io.isacemu.learning.metrics;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;


import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentMetricsTest {

  @Test
  void handWorkedExample() {
    float[] truth = {1f, -1f, 0f, 2f, -2.5f};
    float[] pred = {0.5f, 0.5f, -0.1f, -1f, -2.4f};
    SentimentMetrics m = SentimentMetrics.compute(truth, pred);
    assertThat(m.acc2HasZero()).isCloseTo(0.4, offset(1e-12)); // samples 1 and 5
    assertThat(m.acc2NonZero()).isCloseTo(0.5, offset(1e-12)); // truth 0 dropped: 2 of 4
    assertThat(m.f1Weighted()).isCloseTo(0.5, offset(1e-12)); // tp=fp=fn=tn=1
    // rint: 0.5→0 (half-even, ≠ 1), −0.1→−0 (= 0), −2.5→−2 = rint(−2.4)
    assertThat(m.acc7()).isCloseTo(0.4, offset(1e-12));
    assertThat(m.mae()).isCloseTo(5.2 / 5, offset(1e-6));
    assertThat(m.samples()).isEqualTo(5);
  }

  @Test
  void weightedF1UsesClassSupport() {
    // tp=2, fn=1, tn=1, fp=0: F1+ = 4/5, F1− = 2/3, weights 3 and 1
    SentimentMetrics m = SentimentMetrics.compute(new float[] {1, 1, 1, -1}, new float[] {1, 1, -1, -1});
    assertThat(m.f1Weighted()).isCloseTo((0.8 * 3 + 2.0 / 3) / 4, offset(1e-12));
  }

  @Test
  void pearson() {
    assertThat(SentimentMetrics.pearson(new float[] {1, 2, 3}, new float[] {2, 4, 6})).isCloseTo(1, offset(1e-12));
    assertThat(SentimentMetrics.pearson(new float[] {1, 2, 3}, new float[] {3, 2, 1})).isCloseTo(-1, offset(1e-12));
    assertThat(SentimentMetrics.pearson(new float[] {1, 2, 3}, new float[] {1, 1, 1})).isNaN();
  }

  @Test
  void lengthMismatchIsRejected() {
    assertThatThrownBy(() -> SentimentMetrics.compute(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pred");
  }

  @Test
  void routingSharesAndExpectedCosts() {
    GateCostTable costs = new GateCostTable(
        Map.of("T", new GateExpertCost(0.01, 0.1, 100, 1e6), "V+A+T", new GateExpertCost(0.1, 1.0, 1000, 1e7)),
        CostMetric.ENERGY);
    RoutingStats r = RoutingStats.of(new int[] {0, 0, 1, 0}, List.of("T", "V+A+T"), costs);
    assertThat(r.usageShares()).containsEntry("T", 0.75).containsEntry("V+A+T", 0.25);
    assertThat(r.expected().energyJoules()).isCloseTo(0.325, offset(1e-12));
    assertThat(r.expected().latencySeconds()).isCloseTo(0.0325, offset(1e-12));
    assertThat(r.expected().bits()).isCloseTo(325, offset(1e-9));
    assertThat(r.expected().flops()).isCloseTo(3.25e6, offset(1e-3));
    assertThat(r.expectedNormalisedCost()).isCloseTo(0.25, offset(1e-12)); // min–max: T → 0, V+A+T → 1
  }
}
