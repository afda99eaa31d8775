package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCostsTest {

  static final Map<Modality, Integer> DIMS = Map.of(Modality.VIDEO, 35, Modality.AUDIO, 74, Modality.TEXT, 300);
  static final List<ModalitySet> EXPERTS = List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T"));
  static final List<String> NAMES = List.of("T", "V+A+T");

  static StateCosts draw(int states, long seed, CostMetric metric) {
    return StateCosts.draw(ArchitecturePreset.demo(), EXPERTS, DIMS, 20, states, seed, metric);
  }

  @Test
  void sameSeedSameStatesAndPrices() {
    StateCosts a = draw(64, 3, CostMetric.LATENCY);
    StateCosts b = draw(64, 3, CostMetric.LATENCY);
    for (int k = 0; k < 64; k++) {
      assertThat(a.state(k)).isEqualTo(b.state(k));
      assertThat(a.cost(k, "V+A+T")).isEqualTo(b.cost(k, "V+A+T"));
    }
    assertThat(draw(64, 4, CostMetric.LATENCY).state(0)).isNotEqualTo(a.state(0));
  }

  @Test
  void normalisedIsGlobalMinMaxAndVariesWithTheState() {
    StateCosts sc = draw(256, 5, CostMetric.LATENCY);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double[] gap = new double[sc.size()];
    for (int k = 0; k < sc.size(); k++) {
      double[] n = sc.normalised(k, NAMES);
      min = Math.min(min, Math.min(n[0], n[1]));
      max = Math.max(max, Math.max(n[0], n[1]));
      gap[k] = n[1] - n[0];
      // C(V+A+T | s) ≥ C(T | s): it waits for the text device too
      assertThat(sc.cost(k, "V+A+T").latencySeconds()).isGreaterThanOrEqualTo(sc.cost(k, "T").latencySeconds() - 1e-12);
    }
    assertThat(min).isEqualTo(0.0);
    assertThat(max).isEqualTo(1.0);
    double[] sorted = gap.clone();
    Arrays.sort(sorted);
    // the gap the gate trades against accuracy is not a constant (a per-state min–max would make it 1)
    assertThat(sorted[sorted.length * 9 / 10] - sorted[sorted.length / 10]).isGreaterThan(0.05);
  }

  @Test
  void worseVideoSnrMeansDearerMultimodalExpert() {
    StateCosts sc = draw(512, 11, CostMetric.LATENCY);
    double goodGap = 0;
    double badGap = 0;
    int good = 0;
    int bad = 0;
    for (int k = 0; k < sc.size(); k++) {
      double v = sc.state(k).snrDb(Modality.VIDEO).orElseThrow();
      double[] n = sc.normalised(k, NAMES);
      if (v > 30) {
        goodGap += n[1] - n[0];
        good++;
      } else if (v < 10) {
        badGap += n[1] - n[0];
        bad++;
      }
    }
    assertThat(good).isPositive();
    assertThat(bad).isPositive();
    assertThat(badGap / bad).isGreaterThan(goodGap / good);
  }

  @Test
  void bitsDoNotDependOnTheState() {
    StateCosts sc = draw(64, 5, CostMetric.BITS);
    for (int k = 1; k < sc.size(); k++) {
      assertThat(sc.cost(k, "V+A+T").bits()).isEqualTo(sc.cost(0, "V+A+T").bits());
    }
    assertThat(StateCosts.stateDependent(CostMetric.BITS)).isFalse();
    assertThat(StateCosts.stateDependent(CostMetric.LATENCY)).isTrue();
  }

  @Test
  void samplesGetStatesByIdDeterministically() {
    StateCosts sc = draw(32, 5, CostMetric.ENERGY);
    ToySplit s = ToySplit.generate(50, 4, 1);
    int[] first = new int[50];
    for (int i = 0; i < 50; i++) {
      first[i] = sc.stateOf(s, i);
      assertThat(sc.features().of(s, i)).containsExactly(sc.state(first[i]).vector());
    }
    assertThat(Arrays.stream(first).distinct().count()).isGreaterThan(10);
    for (int i = 0; i < 50; i++) {
      assertThat(sc.stateOf(s, i)).isEqualTo(first[i]);
    }
  }

  @Test
  void everyEpochRedrawsTheAssignmentOverTheSamePool() {
    StateCosts sc = draw(64, 5, CostMetric.LATENCY);
    ToySplit s = ToySplit.generate(40, 4, 1);
    int moved = 0;
    for (int i = 0; i < 40; i++) {
      assertThat(sc.forEpoch(3).stateOf(s, i)).isEqualTo(sc.forEpoch(3).stateOf(s, i));
      moved += sc.forEpoch(3).stateOf(s, i) != sc.forEpoch(4).stateOf(s, i) ? 1 : 0;
      int k = sc.forEpoch(3).stateOf(s, i);
      assertThat(sc.forEpoch(3).normalised(k, NAMES)).containsExactly(sc.normalised(k, NAMES));
    }
    assertThat(moved).isGreaterThan(30);
    assertThatThrownBy(() -> sc.forEpoch(-1)).hasMessageContaining("epoch");
  }

  @Test
  void refusesBadArguments() {
    assertThatThrownBy(() -> draw(0, 1, CostMetric.LATENCY)).hasMessageContaining("states");
    assertThatThrownBy(() -> draw(8, 1, CostMetric.LATENCY).cost(0, "A")).hasMessageContaining("'A'");
  }
}
