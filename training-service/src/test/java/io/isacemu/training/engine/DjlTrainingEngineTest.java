package io.isacemu.training.engine;

import io.isacemu.learning.GateMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.BundleGates;
import io.isacemu.learning.GatedModel;
import io.isacemu.learning.NetworkState;
import io.isacemu.learning.ModelBundle;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real DJL engine on a tiny synthetic dataset: Table I rows with system-model costs and a loadable bundle. */
class DjlTrainingEngineTest {

  @TempDir Path work;

  private static JobSpec spec(GateMode mode) {
    return new JobSpec(
        new DatasetSpec.Synthetic(11, 160, 48, 96, 8),
        List.of(ModalitySet.parse("V"), ModalitySet.parse("A"), ModalitySet.parse("T"), ModalitySet.parse("V+A+T")),
        List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T")),
        List.of(0.0, 2.0), 2, 2, Preset.DEMO, CostMetric.LATENCY, List.of(mode), false, 1.0, 0.3, 11, 32, 2,
        new io.isacemu.learning.deploy.DeployRule.ByLambda(2.0));
  }

  private static JobSpec small(List<GateMode> gates, boolean state, CostMetric metric) {
    return new JobSpec(new DatasetSpec.Synthetic(3, 96, 32, 64, 6), List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T")),
        List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T")), List.of(0.5), 1, 1, Preset.DEMO,
        metric, gates, state, 1.0, 0.5, 3, 32, 1, io.isacemu.learning.deploy.DeployRule.NearBestGate.DEFAULT);
  }

  private static ProgressListener messages(List<String> into) {
    return new ProgressListener() {
      @Override
      public void onStage(Stage stage, String subject) {}

      @Override
      public void onEpoch(Stage s, int e, int es, double tl, double vl, Map<String, Double> m, double sps) {}

      @Override
      public void onMessage(String text) {
        into.add(text);
      }
    };
  }

  @Test
  void trainsEveryRowAndWritesALoadableBundle() throws Exception {
    List<String> stages = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void onStage(Stage stage, String subject) {
        stages.add(stage + ":" + subject);
      }

      @Override
      public void onEpoch(Stage stage, int epoch, int epochs, double trainLoss, double validLoss,
          Map<String, Double> validMetrics, double samplesPerSecond) {
        assertThat(epoch).isBetween(1, epochs);
        assertThat(trainLoss).isFinite();
      }

      @Override
      public void onMessage(String text) {}
    };
    TrainingOutcome out = new DjlTrainingEngine(Clock.systemUTC()).train(spec(GateMode.FULL), listener, work);

    assertThat(out.rows()).extracting(ResultRow::name)
        .containsExactly("V", "A", "T", "V+A+T", "dynamic fusion (full, C=latency) λ=0.0",
            "dynamic fusion (full, C=latency) λ=2.0");
    ResultRow t = out.rows().get(2);
    ResultRow vat = out.rows().get(3);
    // costs come from the system model: text alone is cheaper than V+A+T in every column
    assertThat(t.expectedLatencySeconds()).isLessThan(vat.expectedLatencySeconds());
    assertThat(t.expectedBits()).isLessThan(vat.expectedBits());
    assertThat(t.expectedFlops()).isLessThan(vat.expectedFlops());
    for (ResultRow fusion : out.rows().subList(4, 6)) {
      assertThat(fusion.expertShares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
          org.assertj.core.api.Assertions.within(1e-9));
      assertThat(fusion.expectedLatencySeconds()).isBetween(t.expectedLatencySeconds() - 1e-12, vat.expectedLatencySeconds() + 1e-12);
    }
    assertThat(stages).contains("STAGE_I:T", "STAGE_I:V+A+T", "STAGE_I:V", "STAGE_I:A");
    assertThat(out.datasetFingerprint()).hasSize(64);
    try (GatedModel m = ModelBundle.load(work.resolve(DjlTrainingEngine.MODEL_DIR))) {
      // every expert is bundled (fixed modes); the gate routes among the gate experts only
      assertThat(m.expertNames()).containsExactly("V", "A", "T", "V+A+T");
      assertThat(m.description().routable()).containsExactly(ModalitySet.parse("T"), ModalitySet.parse("V+A+T"));
    }
    for (ResultRow fusion : out.rows().subList(4, 6)) {
      assertThat(fusion.expertShares().getOrDefault("V", 0.0) + fusion.expertShares().getOrDefault("A", 0.0)).isZero();
    }
    // deployed by the spec's rule (λ=2.0), with the validation frontier of both λ, in the outcome and the bundle
    var deployment = out.deployment().orElseThrow();
    assertThat(deployment.rule()).isEqualTo("byLambda 2.0");
    assertThat(deployment.chosenLambda()).isEqualTo(2.0);
    assertThat(deployment.frontier()).extracting(p -> p.lambda()).containsExactly(0.0, 2.0);
    var meta = ModelBundle.readMetadata(work.resolve(DjlTrainingEngine.MODEL_DIR));
    assertThat(meta.deployed().orElseThrow().chosenLambda()).isEqualTo(2.0);
    assertThat(meta.lambda()).isEqualTo(2.0);
    assertThat(meta.engineSettings().orElseThrow().intraOpThreads()).isPositive();
  }

  /** Records stage-I epochs and restorations; throws ("the crash") at stage-I epoch {@code killAt} (1-based over the job; 0: never). */
  private static final class Crashing implements ProgressListener {
    final List<String> restored = new ArrayList<>();
    final int killAt;
    int stageOneEpochs;

    Crashing(int killAt) {
      this.killAt = killAt;
    }

    @Override
    public void onStage(Stage stage, String subject) {}

    @Override
    public void onEpoch(Stage s, int e, int es, double tl, double vl, Map<String, Double> m, double sps) {
      if (s == Stage.STAGE_I && ++stageOneEpochs == killAt) {
        throw new IllegalStateException("killed");
      }
    }

    @Override
    public void onMessage(String text) {}

    @Override
    public void onRestored(String subject, int epochs, int maxEpochs, boolean complete) {
      restored.add(subject + ":" + epochs + "/" + maxEpochs + ":" + complete);
    }
  }

  @Test
  void aRunKilledInStageOneResumesFromItsCheckpointFilesAndGivesTheSameRows() throws Exception {
    JobSpec spec = new JobSpec(new DatasetSpec.Synthetic(3, 96, 32, 64, 6),
        List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T")), List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T")),
        List.of(0.5), 3, 1, Preset.DEMO, CostMetric.LATENCY, List.of(GateMode.FULL), false, 1.0, 0.5, 3, 32, 5,
        io.isacemu.learning.deploy.DeployRule.NearBestGate.DEFAULT);
    DjlTrainingEngine engine = new DjlTrainingEngine(Clock.systemUTC());
    TrainingOutcome uninterrupted = engine.train(spec, new Crashing(0), java.nio.file.Files.createDirectory(work.resolve("a")),
        work.resolve("ckpt-a"));

    Path ckpt = work.resolve("ckpt-b");
    Path bundle = java.nio.file.Files.createDirectory(work.resolve("b"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.train(spec, new Crashing(4), bundle, ckpt))
        .hasMessage("killed"); // after T's 3 epochs and V+A+T's first
    try (var files = java.nio.file.Files.list(ckpt)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
          "expert-0-T.ckpt", "expert-1-V_A_T.ckpt"); // no temporary file left
    }
    System.out.printf(java.util.Locale.ROOT, "[checkpoint] demo preset: T done %d B, V+A+T after epoch 1 %d B%n",
        java.nio.file.Files.size(ckpt.resolve("expert-0-T.ckpt")), java.nio.file.Files.size(ckpt.resolve("expert-1-V_A_T.ckpt")));

    Crashing resumed = new Crashing(0);
    TrainingOutcome again = engine.train(spec, resumed, bundle, ckpt);
    assertThat(resumed.restored).containsExactly("T:3/3:true", "V+A+T:1/3:false");
    assertThat(resumed.stageOneEpochs).isEqualTo(2);
    assertThat(again.rows()).isEqualTo(uninterrupted.rows());
  }

  @Test
  void onDemandGateWithoutStateReadsTextOnly() throws Exception {
    TrainingOutcome out = new DjlTrainingEngine(Clock.systemUTC()).train(
        small(List.of(GateMode.ON_DEMAND), false, CostMetric.BITS), messages(new ArrayList<>()), work);
    assertThat(out.rows()).extracting(ResultRow::name)
        .containsExactly("T", "V+A+T", "dynamic fusion (on-demand, C=bits) λ=0.5");
    try (BundleGates g = ModelBundle.loadAll(work.resolve(DjlTrainingEngine.MODEL_DIR))) {
      assertThat(g.gate().description().gateInputs()).isEqualTo(ModalitySet.parse("T"));
      assertThat(g.gate().description().networkStateDim()).isZero();
      assertThat(g.fullGate()).isEmpty();
    }
  }

  @Test
  void bothGatesByDefaultTheOnDemandOneWithTheStateOnAStateDependentMetric() throws Exception {
    List<String> messages = new ArrayList<>();
    TrainingOutcome out = new DjlTrainingEngine(Clock.systemUTC()).train(
        small(JobSpec.ALL_GATES, true, CostMetric.BITS), messages(messages), work);
    // bits do not depend on the state: the on-demand gate is trained on energy, the full one on bits
    assertThat(out.rows()).extracting(ResultRow::name).containsExactly(
        "T", "V+A+T", "dynamic fusion (on-demand, C=energy) λ=0.5", "dynamic fusion (full, C=bits) λ=0.5");
    assertThat(messages).anyMatch(m -> m.contains("trained on ENERGY instead"));
    assertThat(out.rows().get(0).expectedLatencySeconds()).isLessThan(out.rows().get(1).expectedLatencySeconds());
    Path dir = work.resolve(DjlTrainingEngine.MODEL_DIR);
    assertThat(ModelBundle.readMetadata(dir).full()).isPresent();
    try (BundleGates g = ModelBundle.loadAll(dir)) {
      assertThat(g.gate().description().gateInputs()).isEqualTo(ModalitySet.parse("T"));
      assertThat(g.gate().description().networkStateDim()).isEqualTo(NetworkState.DIM);
      assertThat(g.gate().description().costs().selector()).isEqualTo(CostMetric.ENERGY);
      assertThat(g.fullGate()).hasValueSatisfying(f -> {
        assertThat(f.description().gateInputs()).isEqualTo(ModalitySet.all());
        assertThat(f.description().networkStateDim()).isZero();
        assertThat(f.description().costs().selector()).isEqualTo(CostMetric.BITS);
      });
    }
  }

  @Test
  void stateMetricKeepsLatencyAndEnergyAndReplacesTheOthers() {
    assertThat(DjlTrainingEngine.stateMetric(CostMetric.ENERGY)).isEqualTo(CostMetric.ENERGY);
    assertThat(DjlTrainingEngine.stateMetric(CostMetric.LATENCY)).isEqualTo(CostMetric.LATENCY);
    assertThat(DjlTrainingEngine.stateMetric(CostMetric.BITS)).isEqualTo(CostMetric.ENERGY);
    assertThat(DjlTrainingEngine.stateMetric(CostMetric.FLOPS)).isEqualTo(CostMetric.ENERGY);
  }
}
