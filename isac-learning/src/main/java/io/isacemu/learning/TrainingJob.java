package io.isacemu.learning;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.nn.ExpertBlock;
import io.isacemu.learning.nn.GumbelSoftmax;
import io.isacemu.learning.nn.Sequences;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Two-stage training of a cost-aware mixture of multimodal experts.
 *
 * <p>Stage I trains each expert {@code E_i} alone on {@code L_task}. Stage II, once per {@code λ},
 * trains the gate on {@code L = L_task(Σ_i y_i ŷ_i, y) + λ Σ_i y_i Ĉ_i (min–max normalised, see GateCostTable)} with {@code
 * y} the straight-through Gumbel-softmax sample of the gate logits at the annealed temperature, the
 * experts starting from the same stage-I weights (frozen by default). Both stages keep the
 * checkpoint with the best validation objective and stop after {@code patience} epochs without
 * improvement. Seeded: DJL's engine seed for initialisation and noise, {@link SplittableRandom} for
 * shuffling. Stage I ({@link ExpertTrainer}) is checkpointed after every epoch ({@link
 * #optCheckpoints}) and reseeds the engine per epoch, so a resumed job trains the same numbers.
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
            train.sequenceLength(), config.taskLoss(), lambda, gateCosts, config.gateExperts());
        runs.add(trainGate(d, snapshots, train, valid, features, stateCosts, progress));
        if (config.alsoFullGate()) {
          ModelDescription full = new ModelDescription(
              config.preset(), config.experts(), ModalitySet.all(), 0, dims,
              train.sequenceLength(), config.taskLoss(), lambda, costs, config.gateExperts());
          fullRuns.add(trainGate(full, snapshots, train, valid, GateFeatures.none(), Optional.empty(), progress));
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
    if (train.sequenceLength() != valid.sequenceLength()) {
      throw new IllegalArgumentException(
          "valid: sequence length " + valid.sequenceLength() + " != train's " + train.sequenceLength());
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
      dims.put(m, train.featureDim(m));
    }
    return dims;
  }

  private static DefaultTrainingConfig trainingConfig(double learningRate) {
    return new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(new ResumableAdam(learningRate));
  }

  /** A Fisher–Yates permutation of {@code 0..n−1} drawn from {@code rng} ({@code n − 1} draws). */
  static int[] shuffled(int n, SplittableRandom rng) {
    int[] p = SplitTensors.range(0, n);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static int[] batch(int[] perm, int from, int size) {
    int to = Math.min(perm.length, from + size);
    int[] b = new int[to - from];
    System.arraycopy(perm, from, b, 0, b.length);
    return b;
  }

  static byte[] snapshot(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static void restore(Block block, NDManager manager, byte[] params) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
      block.loadParameters(manager, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ai.djl.MalformedModelException e) {
      throw new IllegalStateException("parameters do not match the architecture: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- stage II

  private TrainingResult.GateRun trainGate(
      ModelDescription d, List<byte[]> expertParams, MultimodalSplit train, MultimodalSplit valid,
      GateFeatures features, Optional<StateCosts> stateCosts, Progress progress) {
    // same gate initialisation and batch order for every λ: only λ differs between runs
    Engine.getInstance().setRandomSeed((int) (config.seed() * 31 + 7919));
    SplittableRandom rng = new SplittableRandom(config.seed() * 31 + 7919);
    GatedModel gm = GatedModel.create(d);
    try {
      List<ExpertBlock> experts = gm.block().experts();
      for (int i = 0; i < experts.size(); i++) {
        restore(experts.get(i), gm.model().getNDManager(), expertParams.get(i));
      }
      if (d.routable().size() == 1) {
        // one routable expert: the gate has nothing to learn (and every gradient would be 0)
        return new TrainingResult.GateRun(d.lambda(), gm, 0, evaluate(gm, valid, features, stateCosts));
      }
      // min–max over the experts the gate can pick; the others are masked out of the logits
      List<String> routableNames = d.routable().stream().map(ModalitySet::name).toList();
      float[] cost = spread(d, costs.normalised(routableNames));
      float[] mask = d.logitMask();
      double best = Double.POSITIVE_INFINITY;
      byte[] bestParams = null;
      GatedEvaluation bestEval = null;
      int epochsRun = 0;
      int stale = 0;
      try (Trainer trainer = gm.model().newTrainer(trainingConfig(config.gateLearningRate()))) {
        trainer.initialize(GatedModel.inputShapes(d, gm.block()));
        if (!config.fineTuneExperts()) {
          experts.forEach(e -> e.freezeParameters(true));
        }
        ModalitySet inputs = gm.block().inputs();
        for (int epoch = 0; epoch < config.gateEpochs(); epoch++) {
          double tau = config.tau().at(epoch, config.gateEpochs());
          // a fresh state per sample every epoch (same features and costs within the epoch)
          final int e = epoch;
          Optional<StateCosts> epochStates = stateCosts.map(sc -> sc.forEpoch(e));
          long t0 = nanoClock.getAsLong();
          int[] perm = shuffled(train.size(), rng);
          double lossSum = 0;
          double taskSum = 0;
          for (int from = 0; from < perm.length; from += config.batchSize()) {
            int[] idx = batch(perm, from, config.batchSize());
            try (NDManager bm = trainer.getManager().newSubManager()) {
              NDList x = SplitTensors.features(bm, train, inputs, idx);
              if (d.networkStateDim() > 0) {
                x.add(SplitTensors.extra(bm, train, epochStates.map(StateCosts::features).orElse(features),
                    d.networkStateDim(), idx));
              }
              NDArray label = SplitTensors.labels(bm, train, idx);
              NDArray c = epochStates.isPresent()
                  ? Sequences.constant(bm, perSample(d, epochStates.get(), routableNames, train, idx),
                      new Shape(idx.length, cost.length))
                  : Sequences.constant(bm, cost, new Shape(1, cost.length));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(x);
                NDArray logits = out.get(0);
                if (d.masked()) {
                  logits = logits.add(Sequences.constant(bm, mask, new Shape(1, mask.length)));
                }
                NDArray preds = out.get(1);
                // straight-through Gumbel-softmax: one-hot forward, soft gradient backward
                NDArray y = GumbelSoftmax.sample(logits, tau);
                NDArray combined = y.mul(preds).sum(new int[] {1});
                NDArray task = Losses.task(d.taskLoss(), combined, label);
                NDArray expectedCost = y.mul(c).sum(new int[] {1}).mean();
                NDArray loss = task.add(expectedCost.mul(Sequences.scalar(expectedCost, (float) d.lambda())));
                checkFinite(loss, "gate (lambda=" + d.lambda() + ")", epoch);
                gc.backward(loss);
                lossSum += loss.getFloat() * idx.length;
                taskSum += task.getFloat() * idx.length;
              }
              trainer.step();
            }
          }
          double sps = train.size() / Math.max(1e-9, (nanoClock.getAsLong() - t0) / 1e9);
          epochsRun++;
          GatedEvaluation ev = evaluate(gm, valid, features, stateCosts);
          if (!Double.isFinite(ev.objective())) {
            throw new IllegalStateException("training diverged: gate (lambda=" + d.lambda() + ") validation objective "
                + ev.objective() + " at epoch " + epoch + "; lower the learning rate");
          }
          boolean improved = ev.objective() < best;
          if (improved) {
            best = ev.objective();
            bestParams = snapshot(gm.block());
            bestEval = ev;
            stale = 0;
          } else {
            stale++;
          }
          listener.onEpoch(new EpochReport(
              EpochReport.Stage.GATE, "gate", d.lambda(), epoch, config.gateEpochs(), tau,
              lossSum / train.size(), taskSum / train.size(), ev.taskLoss(), ev.objective(), ev.metrics(),
              Optional.of(ev.routing()), sps, progress.eta(), improved));
          if (stale >= config.patience()) {
            break;
          }
        }
      }
      restore(gm.block(), gm.model().getNDManager(), bestParams);
      return new TrainingResult.GateRun(d.lambda(), gm, epochsRun, bestEval);
    } catch (RuntimeException e) {
      gm.close();
      throw e;
    }
  }

  /** Fails loudly instead of letting NaN weights be kept: a diverged run is a configuration error. */
  static void checkFinite(NDArray loss, String what, int epoch) {
    float v = loss.getFloat();
    if (!Float.isFinite(v)) {
      throw new IllegalStateException(
          "training diverged: " + what + " loss " + v + " at epoch " + epoch + "; lower the learning rate");
    }
  }

  private static GatedEvaluation evaluate(
      GatedModel gm, MultimodalSplit split, GateFeatures features, Optional<StateCosts> stateCosts) {
    return stateCosts.isPresent() ? gm.evaluate(split, stateCosts.get()) : gm.evaluate(split, features);
  }

  /** Normalised costs over the routable experts spread to gate-output order (0 for masked experts). */
  private static float[] spread(ModelDescription d, double[] routableCost) {
    float[] cost = new float[d.experts().size()];
    for (int i = 0, r = 0; i < cost.length; i++) {
      cost[i] = d.routable(i) ? (float) routableCost[r++] : 0f;
    }
    return cost;
  }

  /** Row-major {@code (B, N)}: per batch sample the normalised costs in its own drawn state. */
  private static float[] perSample(
      ModelDescription d, StateCosts sc, List<String> routableNames, MultimodalSplit split, int[] idx) {
    int n = d.experts().size();
    float[] out = new float[idx.length * n];
    for (int b = 0; b < idx.length; b++) {
      float[] row = spread(d, sc.normalised(sc.stateOf(split, idx[b]), routableNames));
      System.arraycopy(row, 0, out, b * n, n);
    }
    return out;
  }
}
