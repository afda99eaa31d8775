package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  @Test
  void negativeLambda() {
    assertThatThrownBy(() -> LearningConfig.builder().lambdas(List.of(0.0, -1.0)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda")
        .hasMessageContaining("-1.0");
  }

  @Test
  void nonPositiveTau() {
    assertThatThrownBy(() -> LearningConfig.builder().tau(0.0, 0.0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tau0")
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> LearningConfig.builder().tau(1.0, -0.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tauMin")
        .hasMessageContaining("-0.5");
  }

  @Test
  void emptyExpertList() {
    assertThatThrownBy(() -> LearningConfig.builder().experts(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("experts")
        .hasMessageContaining("[]");
  }

  @Test
  void nonPositiveEpochs() {
    assertThatThrownBy(() -> LearningConfig.builder().expertEpochs(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expertEpochs")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> LearningConfig.builder().gateEpochs(-3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gateEpochs")
        .hasMessageContaining("-3");
  }

  @Test
  void unknownPreset() {
    assertThatThrownBy(() -> LearningConfig.builder().preset("huge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("preset")
        .hasMessageContaining("huge");
  }

  @Test
  void costTableNamesTheMissingExpert() {
    GateCostTable t = new GateCostTable(Map.of("T", new GateExpertCost(1, 1, 1, 1)), CostMetric.BITS);
    assertThatThrownBy(() -> new TrainingJob(LearningConfig.builder().build(), t, TrainingListener.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("V+A+T");
    assertThatThrownBy(() -> new GateExpertCost(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencySeconds")
        .hasMessageContaining("-1.0");
  }

  @Test
  void mismatchedSplitsAreRefusedBeforeTraining() {
    TrainingJob job = new TrainingJob(LearningConfig.builder().build(), TestCosts.table(CostMetric.BITS), TrainingListener.none());
    assertThatThrownBy(() -> job.run(ToySplit.generate(8, 4, 1), ToySplit.generate(8, 5, 2), GateFeatures.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence length of VIDEO is 5 != train's 4");
    assertThatThrownBy(() -> job.run(ToySplit.generate(8, 4, 1), ToySplit.generate(8, 4, 2).slice(0, 0), GateFeatures.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train/valid");
  }

  @Test
  void costsNormaliseByTheMaximum() {
    GateCostTable t = TestCosts.table(CostMetric.BITS);
    assertThat(t.normalised(List.of("T", "V+A+T"))).containsExactly(new double[] {0.0, 1.0}, offset(1e-12));
  }

  @Test
  void temperatureScheduleIsExponentialFromTau0ToTauMin() {
    TemperatureSchedule s = new TemperatureSchedule(2.0, 0.5);
    assertThat(s.at(0, 5)).isCloseTo(2.0, offset(1e-12));
    assertThat(s.at(2, 5)).isCloseTo(1.0, offset(1e-12)); // 2·(1/4)^(1/2)
    assertThat(s.at(4, 5)).isCloseTo(0.5, offset(1e-12));
    assertThat(s.at(9, 5)).isCloseTo(0.5, offset(1e-12));
    assertThat(s.at(0, 1)).isCloseTo(2.0, offset(1e-12));
  }

  @Test
  void presetsHaveTheReferenceSizes() {
    ArchitecturePreset p = ArchitecturePreset.byName("mosei-reference");
    var dims = Map.of(io.isacemu.core.modality.Modality.VIDEO, 35, io.isacemu.core.modality.Modality.AUDIO, 74,
        io.isacemu.core.modality.Modality.TEXT, 300);
    var text = p.expert(io.isacemu.core.modality.ModalitySet.parse("T"), dims);
    assertThat(text.fusedWidth()).isEqualTo(120);
    assertThat(text.mlpHidden()).containsExactly(64);
    var vat = p.expert(io.isacemu.core.modality.ModalitySet.parse("V+A+T"), dims);
    assertThat(vat.encoders()).extracting(e -> e.width()).containsExactly(60, 120, 120);
    assertThat(vat.encoders()).allMatch(e -> e.layers() == 5 && e.heads() == 5);
    assertThat(vat.mlpHidden()).containsExactly(128);
  }
}
