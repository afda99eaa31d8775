package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.ArraySplit;
import io.isacemu.learning.nn.Flops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Experts and gate on unaligned data: every modality its own T_m and d_m (MMSA unaligned layout). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnalignedTrainingTest {

  static final Map<Modality, Integer> STEPS = Map.of(Modality.TEXT, 5, Modality.AUDIO, 9, Modality.VIDEO, 7);
  static final Map<Modality, Integer> DIMS = Map.of(Modality.TEXT, 6, Modality.AUDIO, 3, Modality.VIDEO, 4);

  private final ArraySplit train = split(96, 1, STEPS);
  private final ArraySplit valid = split(32, 2, STEPS);
  private TrainingResult result;

  /** {@code n} samples whose label is carried by the mean of the text features. */
  static ArraySplit split(int n, long seed, Map<Modality, Integer> steps) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (float) (rng.nextDouble() * 6 - 3);
    }
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "s" + seed + "-" + i;
    }
    ArraySplit.Builder b = ArraySplit.builder(n).labels(labels).ids(ids);
    for (Modality m : Modality.values()) {
      int row = steps.get(m) * DIMS.get(m);
      float[] x = new float[n * row];
      for (int i = 0; i < x.length; i++) {
        float signal = m == Modality.TEXT ? labels[i / row] / 3f : 0f;
        x[i] = signal + (float) (rng.nextGaussian() * 0.3);
      }
      b.modality(m, steps.get(m), DIMS.get(m), x);
    }
    return b.build();
  }

  @BeforeAll
  void train() {
    LearningConfig config = LearningConfig.builder().preset("demo")
        .experts(List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()))
        .expertEpochs(1).gateEpochs(1).batchSize(32).lambdas(List.of(0.5)).seed(3).build();
    List<EpochReport> reports = new ArrayList<>();
    result = new TrainingJob(config, TestCosts.table(CostMetric.ENERGY), new TrainingListener() {
      @Override
      public void onEpoch(EpochReport r) {
        reports.add(r);
      }
    }).run(train, valid, GateFeatures.none());
    assertThat(reports).extracting(EpochReport::stage).contains(EpochReport.Stage.EXPERTS, EpochReport.Stage.GATE);
  }

  @AfterAll
  void close() {
    result.close();
  }

  @Test
  void theModelTakesEachModalitysOwnLengthFromTheData() {
    GatedModel model = result.gated().get(0).model();
    assertThat(model.description().sequenceLengths()).isEqualTo(STEPS);
    assertThat(model.description().featureDims()).isEqualTo(DIMS);
  }

  @Test
  void forwardPassOnUnalignedSamplesGivesFiniteOutputs() {
    GatedModel model = result.gated().get(0).model();
    Prediction p = model.predict(split(8, 9, STEPS), GateFeatures.none());
    assertThat(p.values()).hasSize(8);
    for (float v : p.values()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }

  @Test
  void aSplitWithAnotherAudioLengthIsRefusedNamingTheModality() {
    GatedModel model = result.gated().get(0).model();
    ArraySplit other = split(8, 9, Map.of(Modality.TEXT, 5, Modality.AUDIO, 10, Modality.VIDEO, 7));
    assertThatThrownBy(() -> model.predict(other, GateFeatures.none()))
        .hasMessageContaining("AUDIO").hasMessageContaining("10").hasMessageContaining("9");
  }

  @Test
  void flopsUseEachEncodersOwnLength() {
    GatedModel model = result.gated().get(0).model();
    ModelDescription d = model.description();
    int all = d.experts().indexOf(ModalitySet.all());
    assertThat(model.expertFlops(all)).isEqualTo(Flops.expert(d.expertSpec(all), STEPS));
    // each encoder over its own T_m: less than all of them over the longest (audio's 9)
    assertThat(model.expertFlops(all)).isLessThan(Flops.expert(d.expertSpec(all), SameSteps.of(DIMS, 9)));
    assertThat(model.gateFlops()).isEqualTo(Flops.gate(d.gateSpec(), STEPS));
  }

  @Test
  void theExpertRunnerEncodesRawSamplesOfLengthTmTimesDm() {
    try (ExpertRunner runner = ExpertRunner.of(result.gated().get(0).model())) {
      int all = runner.indexOf("V+A+T");
      assertThat(runner.rawLength(Modality.AUDIO)).isEqualTo(9 * 3);
      assertThat(runner.rawLength(Modality.TEXT)).isEqualTo(5 * 6);
      float[] audio = new float[27];
      assertThat(runner.encode(all, Modality.AUDIO, audio)).hasSize(runner.encodedWidth(all, Modality.AUDIO));
      assertThatThrownBy(() -> runner.encode(all, Modality.AUDIO, new float[30]))
          .hasMessageContaining("30").hasMessageContaining("27");
    }
  }

  @Test
  void validWithAnotherTextLengthIsRefused() {
    LearningConfig config = LearningConfig.builder().preset("demo").expertEpochs(1).gateEpochs(1)
        .lambdas(List.of(0.5)).build();
    ArraySplit bad = split(32, 2, Map.of(Modality.TEXT, 4, Modality.AUDIO, 9, Modality.VIDEO, 7));
    assertThatThrownBy(() -> new TrainingJob(config, TestCosts.table(CostMetric.ENERGY), r -> { })
        .run(train, bad, GateFeatures.none()))
        .hasMessageContaining("TEXT").hasMessageContaining("4").hasMessageContaining("5");
  }
}
