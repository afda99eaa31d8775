package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On-demand gate with network state, BCE, frozen vs fine-tuned experts, seeding. Tiny runs. */
class TrainingModesTest {

  private final ToySplit train = ToySplit.generate(96, 4, 31);
  private final ToySplit valid = ToySplit.generate(32, 4, 32);

  private LearningConfig config(boolean fineTune) {
    return LearningConfig.builder()
        .preset("demo")
        .onDemandGate(ModalitySet.of(Modality.TEXT), 2)
        .taskLoss(TaskLoss.BCE)
        .fineTuneExperts(fineTune)
        .expertEpochs(1)
        .gateEpochs(2)
        .batchSize(16)
        .lambdas(List.of(0.3))
        .seed(99)
        .build();
  }

  private record Run(List<Double> losses, float[] text, float[] vat, Prediction gated) {}

  private Run run(boolean fineTune) {
    List<Double> losses = new ArrayList<>();
    try (TrainingResult r = new TrainingJob(config(fineTune), TestCosts.table(CostMetric.BITS), e -> losses.add(e.trainLoss()))
        .run(train, valid, ModelBundleTest.STATE)) {
      GatedModel m = r.gated().get(0).model();
      assertThat(m.description().gateInputs()).isEqualTo(ModalitySet.of(Modality.TEXT));
      assertThat(m.description().networkStateDim()).isEqualTo(2);
      assertThat(r.gated().get(0).valid().routing().usageShares().values().stream().mapToDouble(d -> d).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      return new Run(losses, m.expertPredict(0, valid), m.expertPredict(1, valid), m.predict(valid, ModelBundleTest.STATE));
    }
  }

  @Test
  void sameSeedSameNumbersAndFineTuningMovesTheExperts() {
    Run frozen = run(false);
    Run again = run(false);
    Run tuned = run(true);
    assertThat(again.losses()).isEqualTo(frozen.losses());
    assertThat(again.gated().values()).containsExactly(frozen.gated().values());
    // stage I is identical (same seed); stage II changes the experts only when fine-tuning
    assertThat(tuned.losses().subList(0, 2)).isEqualTo(frozen.losses().subList(0, 2));
    boolean textMoved = !java.util.Arrays.equals(tuned.text(), frozen.text());
    boolean vatMoved = !java.util.Arrays.equals(tuned.vat(), frozen.vat());
    assertThat(textMoved || vatMoved).isTrue();
  }
}
