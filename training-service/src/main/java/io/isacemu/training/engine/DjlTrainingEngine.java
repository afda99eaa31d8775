package io.isacemu.training.engine;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.learning.ArchitecturePreset;
import io.isacemu.learning.EpochReport;
import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.GateMode;
import io.isacemu.learning.GatedEvaluation;
import io.isacemu.learning.GatedModel;
import io.isacemu.learning.LearningConfig;
import io.isacemu.learning.ModelBundle;
import io.isacemu.learning.NetworkState;
import io.isacemu.learning.StateCosts;
import io.isacemu.learning.SystemCosts;
import io.isacemu.learning.TrainingJob;
import io.isacemu.learning.TrainingResult;
import io.isacemu.learning.deploy.Deployment;
import io.isacemu.learning.deploy.DeploymentSummary;
import io.isacemu.learning.metrics.SentimentMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@link TrainingEngine}: isac-learning's two-stage {@link TrainingJob} on DJL (PyTorch,
 * offline), with {@code C(E_i)} from the core's system model ({@link SystemCosts}).
 *
 * <p>One job: stage I trains every requested expert; stage II trains, once per λ and from the same
 * experts, the requested gates: the <b>on-demand</b> gate (text, plus the network state when {@code
 * networkState}: then it is trained on state-dependent costs {@code C(E_i | s)} drawn by {@link
 * StateCosts}, with energy instead of a state-independent bits/FLOPs metric, see {@link
 * #stateMetric}) and the <b>full</b> gate (every modality, the job's mean cost table). Gates route
 * only among {@code gateExperts} (the other experts are masked out of the logits and still go into
 * the bundle, for the BS's fixed modes and the Table I rows). Rows are evaluated on the <em>test</em>
 * split: each expert alone, then per λ one row per gate ({@code dynamic fusion (on-demand, C=…)}
 * from the on-demand gate, {@code dynamic fusion (full, C=…)} from the full gate). With the state
 * on, every row's costs are priced per test sample in its drawn state. The bundle deployed to the BS
 * holds the gates of the <em>deployed λ</em> (the on-demand one as main gate, the full one beside
 * it), chosen by the job's deploy rule on the main gate's validation frontier ({@link DeployChoice}):
 * a named λ, a maximum accuracy loss, a cost budget, or by default the cheapest main-gate run
 * (lowest expected normalised cost on validation) whose validation Acc-2 is within one point of the
 * best run's.
 */
public final class DjlTrainingEngine implements TrainingEngine {

  /** Directory inside the job's work directory that holds the {@link ModelBundle}. */
  public static final String MODEL_DIR = "model";

  /** Network states drawn per job for the on-demand gate's state-dependent costs. */
  public static final int STATES = 512;

  private final Clock clock;

  public DjlTrainingEngine(Clock clock) {
    this.clock = clock;
  }

  @Override
  public TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir) throws Exception {
    return train(spec, listener, bundleDir, Optional.empty());
  }

  /** Stage I is checkpointed in {@code checkpointDir} after every epoch; a resumed job goes on from there. */
  @Override
  public TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir, Path checkpointDir)
      throws Exception {
    return train(spec, listener, bundleDir, Optional.of(checkpointDir));
  }

  private TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir, Optional<Path> checkpointDir)
      throws Exception {
    MultimodalDataset data = load(spec.dataset());
    listener.onMessage("dataset " + data.name() + ": " + data.train().size() + "/" + data.valid().size() + "/"
        + data.test().size() + " samples, fingerprint " + data.fingerprint().substring(0, 12) + ", " + data.report());
    Map<Modality, Integer> dims = new EnumMap<>(Modality.class);
    for (Modality m : data.train().modalities()) {
      dims.put(m, data.train().featureDim(m));
    }
    ArchitecturePreset preset = ArchitecturePreset.byName(spec.preset().wireName());
    Map<Modality, Integer> steps = data.train().sequenceLengths(dims.keySet());
    GateCostTable costs = SystemCosts.of(preset, spec.experts(), dims, steps, spec.seed(), spec.costMetric());
    listener.onMessage("cost table C(E_i) from the system model: " + costs.costs());
    boolean cheap = spec.trains(GateMode.ON_DEMAND);
    boolean full = spec.trains(GateMode.FULL);
    Optional<StateCosts> state = Optional.empty();
    if (cheap && spec.networkState()) {
      CostMetric metric = stateMetric(spec.costMetric());
      if (metric != spec.costMetric()) {
        listener.onMessage("the on-demand gate reads the network state, but " + spec.costMetric()
            + " does not depend on it (offload only: fixed raw bits and FLOPs); it is trained on " + metric
            + " instead (the full gate and the expert rows keep " + spec.costMetric() + ")");
      }
      state = Optional.of(StateCosts.draw(preset, spec.experts(), dims, steps, STATES, spec.seed(), metric));
      listener.onMessage(STATES + " network states drawn for C(E_i | s) (" + metric + "); mean over them: "
          + state.get().meanTable().costs());
    }

    List<ResultRow> rows = new ArrayList<>();
    // One job: stage I trains every requested expert; stage II trains the gate(s), which may route
    // only to the gate's experts (the others are masked out of its logits and serve fixed modes).
    LearningConfig.Builder gate = base(spec, preset).experts(spec.experts()).gateExperts(spec.gateExperts())
        .lambdas(spec.lambdas());
    if (cheap) {
      gate.onDemandGate(ModalitySet.of(Modality.TEXT), state.isPresent() ? NetworkState.DIM : 0).alsoFullGate(full);
    } else {
      gate.fullGate();
    }
    TrainingJob job = new TrainingJob(gate.build(), costs, adapter(listener, spec.epochsStageOne()));
    checkpointDir.ifPresent(dir -> job.optCheckpoints(new FileTrainingCheckpoints(dir)));
    try (TrainingResult gated = state.isPresent()
        ? job.run(data.train(), data.valid(), state.get())
        : job.run(data.train(), data.valid(), GateFeatures.none())) {
      GatedModel any = gated.gated().get(0).model();
      for (int i = 0; i < spec.experts().size(); i++) {
        String name = spec.experts().get(i).name();
        float[] pred = any.expertPredict(i, data.test());
        // with the state on, every row is priced per test sample in its drawn state (one population)
        GateExpertCost c = state.isPresent()
            ? state.get().routing(new int[data.test().size()], data.test(), List.of(name), List.of(name)).expected()
            : costs.of(name);
        rows.add(expertRow(name, pred, data.test(), c));
      }
      Deployment deployment = DeployChoice.of(spec, gated);
      int deploy = deployment.chosenIndex();
      // the main gate is the on-demand one when trained (else the full one); the full gate runs sit beside it
      GateMode main = cheap ? GateMode.ON_DEMAND : GateMode.FULL;
      for (int k = 0; k < gated.gated().size(); k++) {
        TrainingResult.GateRun run = gated.gated().get(k);
        GatedEvaluation test = state.isPresent()
            ? run.model().evaluate(data.test(), state.get())
            : run.model().evaluate(data.test(), GateFeatures.none());
        rows.add(fusionRow(run.lambda(), test, main, run.model().description().costs().selector()));
      }
      for (TrainingResult.GateRun run : gated.fullGated()) {
        GatedEvaluation test = run.model().evaluate(data.test(), GateFeatures.none());
        if (state.isPresent()) {
          // the full gate ignores the state, but its samples are priced in their states like every row
          int[] choice = run.model().choose(data.test(), GateFeatures.none());
          test = new GatedEvaluation(test.metrics(), state.get().routing(choice, data.test(),
              run.model().expertNames(), spec.gateExperts().stream().map(ModalitySet::name).toList()),
              test.taskLoss(), test.objective());
        }
        rows.add(fusionRow(run.lambda(), test, GateMode.FULL, run.model().description().costs().selector()));
      }
      TrainingResult.GateRun chosen = gated.gated().get(deploy);
      Optional<ModelBundle.FullGate> beside = gated.fullGated().isEmpty() ? Optional.empty()
          : Optional.of(new ModelBundle.FullGate(gated.fullGated().get(deploy).model(), gated.fullGated().get(deploy).valid()));
      listener.onMessage("deploying the gates trained with λ=" + chosen.lambda() + ": " + main.wireName()
          + (beside.isPresent() ? " + full" : "") + " (" + deployment.rule().wire() + (deployment.met() ? "" : ", NOT met")
          + ": " + deployment.note() + ")");
      ModelBundle.save(chosen.model(), chosen.valid(), beside, Optional.of(deployment), bundleDir.resolve(MODEL_DIR),
          data.name(), data.fingerprint(), clock);
      return new TrainingOutcome(rows, data.fingerprint(), Optional.of(DeploymentSummary.of(deployment)));
    }
  }

  private static LearningConfig.Builder base(JobSpec spec, ArchitecturePreset preset) {
    return LearningConfig.builder().preset(preset).expertEpochs(spec.epochsStageOne())
        .gateEpochs(spec.epochsStageTwo()).batchSize(spec.batchSize()).tau(spec.tau0(), spec.tauMin())
        .patience(spec.patience()).seed(spec.seed());
  }

  static MultimodalDataset load(DatasetSpec spec) throws java.io.IOException {
    if (spec instanceof DatasetSpec.Synthetic s) {
      return SyntheticDataset.generate(s.config());
    }
    return ((DatasetSpec.PickleFile) spec).settings().load();
  }

  /**
   * The cost component the on-demand gate is trained on when it reads the network state: {@code
   * requested} when it depends on the state (latency, energy), else <b>energy</b>. Bits and FLOPs are
   * the same in every state (offload only), so a state input would carry no signal; energy is what
   * sense-on-demand saves when the gate picks T (video and audio are neither sensed nor sent: 63.3 mJ
   * for V+A+T against 0.0001 mJ for T per sample, mean over 512 drawn states, demo preset, T = 10)
   * and it depends on the state through the transmit energy {@code P·n/R}. Latency is the one metric
   * the mode does not save (V+A+T then pays a second sensing round) and the one that differs least
   * between T and V+A+T (0.100 s vs 0.136 s), so the former fallback to latency is what made the
   * on-demand gate keep ~100 % on V+A+T (issue 12).
   */
  static CostMetric stateMetric(CostMetric requested) {
    return StateCosts.stateDependent(requested) ? requested : CostMetric.ENERGY;
  }

  private static ResultRow expertRow(String name, float[] pred, MultimodalSplit test, GateExpertCost c) {
    SentimentMetrics m = SentimentMetrics.compute(labels(test), pred);
    return new ResultRow(name, Optional.empty(), m.acc2HasZero(), m.acc2NonZero(), m.f1Weighted(), m.acc7(),
        m.mae(), clampCorr(m.pearson()), c.latencySeconds(), c.energyJoules(), c.bits(), c.flops(), Map.of(name, 1.0));
  }

  private static ResultRow fusionRow(double lambda, GatedEvaluation e, GateMode mode, CostMetric trainedOn) {
    SentimentMetrics m = e.metrics();
    GateExpertCost c = e.routing().expected();
    return new ResultRow("dynamic fusion (" + mode.wireName() + ", C=" + trainedOn.name().toLowerCase(java.util.Locale.ROOT)
        + ") λ=" + lambda, Optional.of(lambda),
        m.acc2HasZero(), m.acc2NonZero(), m.f1Weighted(), m.acc7(), m.mae(), clampCorr(m.pearson()),
        c.latencySeconds(), c.energyJoules(), c.bits(), c.flops(), e.routing().usageShares());
  }

  /** Pearson is NaN for a constant prediction; the table reports 0 (no linear relation). */
  private static double clampCorr(double r) {
    return Double.isFinite(r) ? Math.max(-1, Math.min(1, r)) : 0.0;
  }

  private static float[] labels(MultimodalSplit s) {
    float[] y = new float[s.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = s.label(i);
    }
    return y;
  }

  /**
   * The learning job's reports as service progress: a run's start (before its first epoch, so the
   * service times that epoch from there) begins a stage; epochs are 1-based.
   */
  public static io.isacemu.learning.TrainingListener adapter(ProgressListener l, int epochsStageOne) {
    return new io.isacemu.learning.TrainingListener() {
      // the run the last report was of: a new one (or a resumed one) begins a stage for the service
      private String run = "";

      @Override
      public void onMessage(String text) {
        l.onMessage(text);
      }

      @Override
      public void onRestored(String expert, int epochs, boolean complete) {
        l.onRestored(expert, epochs, epochsStageOne, complete);
      }

      @Override
      public void onRunStart(EpochReport.Stage stage, String model, double lambda, int firstEpoch) {
        Stage s = stage == EpochReport.Stage.EXPERTS ? Stage.STAGE_I : Stage.STAGE_II;
        run = s + " " + subject(s, model, lambda);
        l.onStage(s, subject(s, model, lambda));
      }

      @Override
      public void onEpoch(EpochReport r) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("acc2", r.validMetrics().acc2HasZero());
        metrics.put("f1", r.validMetrics().f1Weighted());
        metrics.put("mae", r.validMetrics().mae());
        r.validRouting().ifPresent(rt -> metrics.put("expectedNormalisedCost", rt.expectedNormalisedCost()));
        Stage stage = r.stage() == EpochReport.Stage.EXPERTS ? Stage.STAGE_I : Stage.STAGE_II;
        String subject = subject(stage, r.model(), r.lambda());
        // a run announces itself before its first epoch (onRunStart); calling onStage only once that
        // epoch had ended reset the service's epoch clock and timed every run's first epoch as ~0 s
        if (!run.equals(stage + " " + subject)) {
          run = stage + " " + subject;
          l.onStage(stage, subject);
        }
        l.onEpoch(stage, r.epoch() + 1, r.maxEpochs(), finiteOr(r.trainLoss()), finiteOr(r.validObjective()),
            metrics, Math.max(0, r.samplesPerSecond()));
      }
    };
  }

  private static String subject(Stage stage, String model, double lambda) {
    return stage == Stage.STAGE_I ? model : "λ=" + lambda;
  }

  private static double finiteOr(double v) {
    return Double.isFinite(v) ? v : 0.0;
  }
}
