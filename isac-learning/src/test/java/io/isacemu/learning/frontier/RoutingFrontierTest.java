package io.isacemu.learning.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.learning.GateExpertCost;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Six samples, by hand. Labels y, ŷ_T, ŷ_E; Acc-2 correct = (y ≥ 0) == (ŷ ≥ 0):
 *
 * <pre>
 *   i   y     ŷ_T   |ŷ_T|  T ok   ŷ_E   E ok   text-decisive
 *   0   1     2     2      ✓      1.5   ✓      yes
 *   1  −1     0.1   0.1    ✗     −0.8   ✓      no
 *   2   2    −0.2   0.2    ✗      1.0   ✓      no
 *   3  −2    −1.5   1.5    ✓      0.5   ✗      yes
 *   4   0.5   0.3   0.3    ✓      0.2   ✓      yes
 *   5  −0.5   0.4   0.4    ✗      0.3   ✗      no
 * </pre>
 *
 * Acc_T = 3/6, Acc_E = 4/6. C_T = 1 MFLOP, 10 mJ, 10 bit, 0.1 s; C_E = 3 MFLOP, 30 mJ, 1000 bit, 0.2 s.
 */
class RoutingFrontierTest {

  static final float[] Y = {1, -1, 2, -2, 0.5f, -0.5f};
  static final float[] T = {2, 0.1f, -0.2f, -1.5f, 0.3f, 0.4f};
  static final float[] E = {1.5f, -0.8f, 1.0f, 0.5f, 0.2f, 0.3f};
  static final GateExpertCost CT = new GateExpertCost(0.1, 0.010, 10, 1e6);
  static final GateExpertCost CE = new GateExpertCost(0.2, 0.030, 1000, 3e6);
  static final double EPS = 1e-12;

  final RoutingFrontier f = RoutingFrontier.withFixedCosts(Y, T, E, CT, CE);

  @Test
  void cascadeAtShareSendsTheLeastConfidentToE() {
    // k = 2: samples 1 (|ŷ_T| 0.1) and 2 (0.2) to E, both fixed → only 5 wrong
    FrontierPoint p = f.cascadeAtShare(2 / 6.0);
    assertThat(p.shareExpensive()).isCloseTo(2 / 6.0, within(EPS));
    assertThat(p.acc2()).isCloseTo(5 / 6.0, within(EPS));
    assertThat(p.meanCost().flops()).isCloseTo((4 * 1e6 + 2 * 3e6) / 6, within(1e-6));
    assertThat(p.meanCost().bits()).isCloseTo((4 * 10 + 2 * 1000) / 6.0, within(1e-9));
    assertThat(p.megaFlops()).isCloseTo(10 / 6.0, within(1e-9));
  }

  @Test
  void cascadeThresholdRoutesToTAboveIt() {
    // θ = 0.35: E for |ŷ_T| ≤ 0.35 = samples 1, 2, 4
    FrontierPoint p = f.cascade(0.35);
    assertThat(p.shareExpensive()).isCloseTo(0.5, within(EPS));
    assertThat(p.acc2()).isCloseTo(5 / 6.0, within(EPS));
    assertThat(p.meanCost().energyJoules()).isCloseTo(0.02, within(1e-12));
  }

  @Test
  void cascadeSweepVisitsEveryShare() {
    List<FrontierPoint> sweep = f.cascadeSweep();
    assertThat(sweep).extracting(FrontierPoint::shareExpensive)
        .containsExactly(0.0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0, 1.0);
    // + s1 ✓, + s2 ✓, + s4 (same), + s5 (both wrong), + s3 (E loses it), + s0 (same)
    assertThat(sweep).extracting(FrontierPoint::acc2)
        .containsExactly(3 / 6.0, 4 / 6.0, 5 / 6.0, 5 / 6.0, 5 / 6.0, 4 / 6.0, 4 / 6.0);
  }

  @Test
  void randomIsTheExactMixture() {
    FrontierPoint p = f.randomExpected(0.5);
    assertThat(p.acc2()).isCloseTo(0.5 * 3 / 6.0 + 0.5 * 4 / 6.0, within(EPS));
    assertThat(p.meanCost().flops()).isCloseTo(2e6, within(1e-6));
    assertThat(p.meanCost().latencySeconds()).isCloseTo(0.15, within(EPS));
    assertThat(f.randomExpected(0).acc2()).isCloseTo(0.5, within(EPS));
    assertThat(f.randomExpected(1).acc2()).isCloseTo(4 / 6.0, within(EPS));
  }

  @Test
  void randomDrawIsSeededAndHitsTheShareExactly() {
    FrontierPoint a = f.randomDraw(0.5, 42);
    assertThat(a.shareExpensive()).isCloseTo(0.5, within(EPS));
    assertThat(f.randomDraw(0.5, 42)).isEqualTo(a);
    // the mean over many draws approaches the exact expectation
    double sum = 0;
    for (int s = 0; s < 4000; s++) {
      sum += f.randomDraw(0.5, s).acc2();
    }
    assertThat(sum / 4000).isCloseTo(f.randomExpected(0.5).acc2(), within(0.01));
  }

  @Test
  void groupOracleRoutesTextDecisiveToT() {
    // E for samples 1, 2, 5: 1 and 2 fixed, 5 still wrong
    FrontierPoint p = f.groupOracle(new boolean[] {true, false, false, true, true, false});
    assertThat(p.shareExpensive()).isCloseTo(0.5, within(EPS));
    assertThat(p.acc2()).isCloseTo(5 / 6.0, within(EPS));
  }

  @Test
  void cheapestCorrectOracleUsesEOnlyWhereItHelps() {
    // only samples 1 and 2 are wrong on T and right on E
    FrontierPoint p = f.cheapestCorrectOracle();
    assertThat(p.shareExpensive()).isCloseTo(2 / 6.0, within(EPS));
    assertThat(p.acc2()).isCloseTo(5 / 6.0, within(EPS));
    // forced to 3 samples: gain 1, 2, then the first neutral (0); forced to all: E's own 4/6
    assertThat(f.oracleAtShare(0.5).acc2()).isCloseTo(5 / 6.0, within(EPS));
    assertThat(f.oracleAtShare(5 / 6.0).acc2()).isCloseTo(5 / 6.0, within(EPS));
    assertThat(f.oracleAtShare(1).acc2()).isCloseTo(4 / 6.0, within(EPS));
    assertThat(f.oracleAtShare(1 / 6.0).acc2()).isCloseTo(4 / 6.0, within(EPS));
  }

  @Test
  void oracleAtShareBoundsEveryOtherMethod() {
    for (int k = 0; k <= 6; k++) {
      double u = k / 6.0;
      double best = f.oracleAtShare(u).acc2();
      assertThat(f.cascadeAtShare(u).acc2()).isLessThanOrEqualTo(best + EPS);
      assertThat(f.randomExpected(u).acc2()).isLessThanOrEqualTo(best + EPS);
    }
  }

  @Test
  void gateRoutingIsScoredFromItsChoices() {
    // E for samples 1 (fixed) and 3 (broken): 0 ✓ 1 ✓ 2 ✗ 3 ✗ 4 ✓ 5 ✗
    FrontierPoint p = f.gate("gate", new int[] {0, 1, 0, 1, 0, 0}, 0, 1);
    assertThat(p.shareExpensive()).isCloseTo(2 / 6.0, within(EPS));
    assertThat(p.acc2()).isCloseTo(3 / 6.0, within(EPS));
    // expert indices as in the gate's output order: E may be index 0
    assertThat(f.gate("gate", new int[] {1, 0, 1, 0, 1, 1}, 1, 0)).isEqualTo(p);
    // the gate's own FLOPs run on every sample
    assertThat(f.gate("gate", new int[] {0, 1, 0, 1, 0, 0}, 0, 1, 0.5e6).meanCost().flops())
        .isCloseTo(10e6 / 6 + 0.5e6, within(1e-6));
  }

  @Test
  void cascadeWithDecisionPaysTheCheapExpertOnEscalatedSamples() {
    // k = 2 escalated: 4·1 + 2·(3 + 1) MFLOP over 6; bits unchanged
    FrontierPoint p = f.cascadeAtShareWithDecision(2 / 6.0);
    assertThat(p.meanCost().flops()).isCloseTo(12e6 / 6, within(1e-6));
    assertThat(p.acc2()).isCloseTo(5 / 6.0, within(EPS));
    assertThat(p.meanCost().bits()).isCloseTo(f.cascadeAtShare(2 / 6.0).meanCost().bits(), within(1e-9));
  }

  @Test
  void perSampleCostsAreAveraged() {
    List<GateExpertCost> cheap = List.of(CT, CT, CT, CT, CT, new GateExpertCost(0.1, 0.01, 10, 7e6));
    RoutingFrontier g = new RoutingFrontier(Y, T, E, cheap, java.util.Collections.nCopies(6, CE));
    assertThat(g.evaluate("all T", new boolean[6]).meanCost().flops()).isCloseTo(2e6, within(1e-6));
  }

  @Test
  void invalidInputsNameTheFieldAndValue() {
    assertThatThrownBy(() -> RoutingFrontier.withFixedCosts(Y, new float[5], E, CT, CE))
        .hasMessageContaining("cheapPredictions").hasMessageContaining("5");
    assertThatThrownBy(() -> RoutingFrontier.withFixedCosts(Y, T, new float[] {1, 1, 1, Float.NaN, 1, 1}, CT, CE))
        .hasMessageContaining("expensivePredictions[3]").hasMessageContaining("NaN");
    assertThatThrownBy(() -> RoutingFrontier.withFixedCosts(new float[0], new float[0], new float[0], CT, CE))
        .hasMessageContaining("labels");
    assertThatThrownBy(() -> f.cascadeAtShare(1.5)).hasMessageContaining("share").hasMessageContaining("1.5");
    assertThatThrownBy(() -> f.randomExpected(-0.1)).hasMessageContaining("share");
    assertThatThrownBy(() -> f.gate("g", new int[] {0, 1, 2, 0, 0, 0}, 0, 1))
        .hasMessageContaining("choice[2]").hasMessageContaining("2");
    assertThatThrownBy(() -> f.groupOracle(new boolean[3])).hasMessageContaining("textDecisive");
    assertThatThrownBy(() -> new RoutingFrontier(Y, T, E, List.of(CT), java.util.Collections.nCopies(6, CE)))
        .hasMessageContaining("cheapCosts").hasMessageContaining("1");
    assertThatThrownBy(() -> new FrontierPoint("x", 1.2, 0.5, CT)).hasMessageContaining("shareExpensive");
    assertThatThrownBy(() -> f.gate("g", new int[6], 0, 1, -1)).hasMessageContaining("gateFlopsPerSample");
  }

  @Test
  void syntheticEvidenceGroupsComeFromTheGenerator() {
    MultimodalSplit test = SyntheticDataset.generate(
        SyntheticConfig.defaults().withSizes(8, 8, 40).withSequenceLength(2)).test();
    boolean[] text = EvidenceGroups.textDecisive(test);
    int n = 0;
    for (boolean b : text) {
      n += b ? 1 : 0;
    }
    assertThat(n).isEqualTo((int) Math.round(40 * 0.55)); // exact group sizes, shuffled
    for (int i = 0; i < text.length; i++) {
      assertThat(text[i]).isEqualTo(test.evidence(i).orElseThrow().name().equals("T"));
    }
  }
}
