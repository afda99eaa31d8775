package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.data.MultimodalSplit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Two-stage training of a cost-aware mixture of multimodal experts.
 *
 * <p>Stage I trains each expert {@code E_i} alone on {@code L_task}. Stage II, once per {@code λ},
 * trains the gate on {@code L = L_task(Σ_i y_i ŷ_i, y) + λ Σ_i y_i Ĉ_i (min–max normalised, see GateCostTable)} with {@code
 * y} the straight-through Gumbel-softmax sample of the gate logits at the annealed temperature, the
 * experts starting from the same stage-I weights (frozen by default). Both stages keep the
 * checkpoint with the best validation objective and stop after {@code patience} epochs without
 * improvement. Seeded: DJL's engine seed for initialisation and noise, {@link java.util.SplittableRandom} for
 * shuffling. Stage I ({@link ExpertTrainer}) is checkpointed after every epoch ({@link
 * #optCheckpoints}) and reseeds the engine per epoch, so a resumed job trains the same numbers;
 * stage II is {@link GateTrainer}'s.
 *
 * <p>DJL's PyTorch gradient collector is process-global: run one job at a time per JVM.
 */
public final class TrainingJob {

  private final LearningConfig config;
  private final GateCostTable costs;
  private final TrainingListener listener;
  private final LongSupplier nanoClock;
  private TrainingCheckpoints checkpoints = TrainingCheckpoints.NONE;

  /**
   * A job.
   *
   * @param config hyperparameters
   * @param costs expert costs; must hold every configured expert
   * @param listener progress reports
   * @param nanoClock monotonic clock in ns for throughput and ETA (e.g. {@code System::nanoTime})
   */
  public TrainingJob(LearningConfig config, GateCostTable costs, TrainingListener listener, LongSupplier nanoClock) {
    this.config = Check.present("config", config);
    this.costs = Check.present("costs", costs);
    this.listener = Check.present("listener", listener);
    this.nanoClock = Check.present("nanoClock", nanoClock);
    for (String name : config.expertNames()) {
      costs.of(name);
    }
  }

  /** A job timed with {@link System#nanoTime()}. */
  public TrainingJob(LearningConfig config, GateCostTable costs, TrainingListener listener) {
    this(config, costs, listener, System::nanoTime);
  }

  /**
   * Checkpoints stage I in {@code checkpoints} after every epoch and resumes from those saved before:
   * finished experts are restored whole, an interrupted one continues after its last completed epoch.
   */
  public TrainingJob optCheckpoints(TrainingCheckpoints checkpoints) {
    this.checkpoints = Check.present("checkpoints", checkpoints);
    return this;
  }

  /**
   * Runs stage I then stage II for every λ.
   *
   * @param train training split; must carry every modality used, same T and dims as {@code valid}
   * @param valid validation split for early stopping
   * @param features the gate's dense features (network state); {@link GateFeatures#none()} when the
   *     gate takes none
   */
  public TrainingResult run(MultimodalSplit train, MultimodalSplit valid, GateFeatures features) {
    return run(train, valid, features, Optional.empty());
  }

  /**
   * Runs stage I then stage II for every λ with state-dependent costs: the configured (ON_DEMAND)
   * gate gets each sample's drawn network state as input (redrawn every epoch, {@link
   * StateCosts#forEpoch}; length {@link NetworkState#DIM}, which must be the configured {@code
   * networkStateDim}) and is trained on {@code L = L_task + λ Σ_i y_i Ĉ_i(s)} with the sample's own
   * state's costs; its validation objective prices each sample in its (epoch-free) state too. A FULL gate trained beside it ({@link
   * LearningConfig#alsoFullGate()}) keeps the job's mean cost table.
   */
  public TrainingResult run(MultimodalSplit train, MultimodalSplit valid, StateCosts stateCosts) {
    Check.present("stateCosts", stateCosts);
    if (config.networkStateDim() != NetworkState.DIM) {
      throw new IllegalArgumentException("networkStateDim: " + config.networkStateDim()
          + " must be NetworkState.DIM = " + NetworkState.DIM + " when the gate reads the network state");
    }
    return run(train, valid, stateCosts.features(), Optional.of(stateCosts));
  }

  private TrainingResult run(
      MultimodalSplit train, MultimodalSplit valid, GateFeatures features, Optional<StateCosts> stateCosts) {
    Map<Modality, Integer> dims = checkSplits(train, valid);
    Progress progress = new Progress(config, nanoClock);
    List<TrainingResult.ExpertResult> expertResults = new ArrayList<>();
    List<byte[]> snapshots = new ArrayList<>();
    ExpertTrainer stageOne = new ExpertTrainer(config, listener, nanoClock, checkpoints);
    GateTrainer stageTwo = new GateTrainer(config, costs, listener, nanoClock);
    for (int i = 0; i < config.experts().size(); i++) {
      ExpertTrainer.Trained t = stageOne.train(i, dims, train, valid, progress);
      expertResults.add(t.result());
      snapshots.add(t.bestParams());
    }
    List<TrainingResult.GateRun> runs = new ArrayList<>();
    List<TrainingResult.GateRun> fullRuns = new ArrayList<>();
    // the configured gate's cost table: the state pool's means when priced per state (for reports)
    GateCostTable gateCosts = stateCosts.map(StateCosts::meanTable).orElse(costs);
    try {
      for (double lambda : config.lambdas()) {
        ModelDescription d = new ModelDescription(
            config.preset(), config.experts(), config.gateInputs(), config.networkStateDim(), dims,
            train.sequenceLengths(dims.keySet()), config.taskLoss(), lambda, gateCosts, config.gateExperts());
        runs.add(stageTwo.train(d, snapshots, train, valid, features, stateCosts, progress));
        if (config.alsoFullGate()) {
          ModelDescription full = new ModelDescription(
              config.preset(), config.experts(), ModalitySet.all(), 0, dims,
              train.sequenceLengths(dims.keySet()), config.taskLoss(), lambda, costs, config.gateExperts());
          fullRuns.add(stageTwo.train(full, snapshots, train, valid, GateFeatures.none(), Optional.empty(), progress));
        }
      }
    } catch (RuntimeException e) {
      runs.forEach(r -> r.model().close());
      fullRuns.forEach(r -> r.model().close());
      throw e;
    }
    return new TrainingResult(expertResults, runs, fullRuns);
  }

  private Map<Modality, Integer> checkSplits(MultimodalSplit train, MultimodalSplit valid) {
    Check.present("train", train);
    Check.present("valid", valid);
    if (train.size() == 0 || valid.size() == 0) {
      throw new IllegalArgumentException("train/valid: sizes " + train.size() + "/" + valid.size() + " must be ≥ 1");
    }
    int mask = config.alsoFullGate() ? ModalitySet.all().mask() : config.gateInputs().mask();
    for (ModalitySet s : config.experts()) {
      mask |= s.mask();
    }
    Map<Modality, Integer> dims = new EnumMap<>(Modality.class);
    for (Modality m : new ModalitySet(mask).modalities()) {
      if (!train.modalities().contains(m) || !valid.modalities().contains(m)) {
        throw new IllegalArgumentException("train/valid: modality " + m + " is used but missing from a split");
      }
      if (train.featureDim(m) != valid.featureDim(m)) {
        throw new IllegalArgumentException("valid: feature dim of " + m + " differs from train's");
      }
      if (train.sequenceLength(m) != valid.sequenceLength(m)) {
        throw new IllegalArgumentException("valid: sequence length of " + m + " is " + valid.sequenceLength(m)
            + " != train's " + train.sequenceLength(m));
      }
      dims.put(m, train.featureDim(m));
    }
    return dims;
  }
}
