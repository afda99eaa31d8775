package io.isacemu.learning;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.nn.ExpertBlock;
import io.isacemu.learning.nn.GumbelSoftmax;
import io.isacemu.learning.nn.Sequences;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Stage II of a {@link TrainingJob}, once per λ: the gate trained on {@code L = L_task(Σ_i y_i ŷ_i,
 * y) + λ Σ_i y_i Ĉ_i} with {@code y} the straight-through Gumbel-softmax sample at the annealed
 * temperature, the experts restored from the stage-I weights (frozen unless fine-tuned). Keeps the
 * parameters with the lowest validation objective and stops after {@code patience} epochs without
 * improvement. Every λ starts from the same seed, so only λ differs between runs.
 */
final class GateTrainer {

  private final LearningConfig config;
  private final GateCostTable costs;
  private final TrainingListener listener;
  private final LongSupplier nanoClock;

  /** Sums over the samples of one epoch: the full loss and its task part. */
  private record EpochLoss(double lossSum, double taskSum) {}

  /**
   * @param costs the job's cost table: {@code Ĉ_i} when the costs do not depend on the network state
   */
  GateTrainer(LearningConfig config, GateCostTable costs, TrainingListener listener, LongSupplier nanoClock) {
    this.config = config;
    this.costs = costs;
    this.listener = listener;
    this.nanoClock = nanoClock;
  }

  /**
   * Trains the gate of {@code d} over experts holding {@code expertParams} (stage-I encoding, expert
   * order), pricing each sample in its drawn state when {@code stateCosts} is given.
   */
  TrainingResult.GateRun train(
      ModelDescription d, List<byte[]> expertParams, MultimodalSplit train, MultimodalSplit valid,
      GateFeatures features, Optional<StateCosts> stateCosts, Progress progress) {
    // same gate initialisation and batch order for every λ: only λ differs between runs
    Engine.getInstance().setRandomSeed((int) (config.seed() * 31 + 7919));
    SplittableRandom rng = new SplittableRandom(config.seed() * 31 + 7919);
    GatedModel gm = GatedModel.create(d);
    try {
      List<ExpertBlock> experts = gm.block().experts();
      for (int i = 0; i < experts.size(); i++) {
        BlockParams.restore(experts.get(i), gm.model().getNDManager(), expertParams.get(i));
      }
      if (d.routable().size() == 1) {
        // one routable expert: the gate has nothing to learn (and every gradient would be 0)
        return new TrainingResult.GateRun(d.lambda(), gm, 0, evaluate(gm, valid, features, stateCosts));
      }
      double best = Double.POSITIVE_INFINITY;
      byte[] bestParams = null;
      GatedEvaluation bestEval = null;
      int epochsRun = 0;
      int stale = 0;
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(new ResumableAdam(config.gateLearningRate()));
      try (Trainer trainer = gm.model().newTrainer(tc)) {
        trainer.initialize(GatedModel.inputShapes(d, gm.block()));
        if (!config.fineTuneExperts()) {
          experts.forEach(e -> e.freezeParameters(true));
        }
        listener.onRunStart(EpochReport.Stage.GATE, "gate", d.lambda(), 0);
        for (int epoch = 0; epoch < config.gateEpochs(); epoch++) {
          double tau = config.tau().at(epoch, config.gateEpochs());
          // a fresh state per sample every epoch (same features and costs within the epoch)
          final int e = epoch;
          Optional<StateCosts> epochStates = stateCosts.map(sc -> sc.forEpoch(e));
          long t0 = nanoClock.getAsLong();
          EpochLoss sums = trainEpoch(trainer, gm, d, train, Batches.shuffled(train.size(), rng), features,
              epochStates, tau, epoch);
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
            bestParams = BlockParams.snapshot(gm.block());
            bestEval = ev;
            stale = 0;
          } else {
            stale++;
          }
          listener.onEpoch(new EpochReport(
              EpochReport.Stage.GATE, "gate", d.lambda(), epoch, config.gateEpochs(), tau,
              sums.lossSum() / train.size(), sums.taskSum() / train.size(), ev.taskLoss(), ev.objective(),
              ev.metrics(), Optional.of(ev.routing()), sps, progress.eta(), improved));
          if (stale >= config.patience()) {
            break;
          }
        }
      }
      BlockParams.restore(gm.block(), gm.model().getNDManager(), bestParams);
      return new TrainingResult.GateRun(d.lambda(), gm, epochsRun, bestEval);
    } catch (RuntimeException e) {
      gm.close();
      throw e;
    }
  }

  /** One epoch over {@code perm} in batches at temperature {@code tau}. */
  private EpochLoss trainEpoch(
      Trainer trainer, GatedModel gm, ModelDescription d, MultimodalSplit train, int[] perm, GateFeatures features,
      Optional<StateCosts> epochStates, double tau, int epoch) {
    // min–max over the experts the gate can pick; the others are masked out of the logits
    List<String> routableNames = d.routable().stream().map(ModalitySet::name).toList();
    float[] cost = spread(d, costs.normalised(routableNames));
    float[] mask = d.logitMask();
    ModalitySet inputs = gm.block().inputs();
    double lossSum = 0;
    double taskSum = 0;
    for (int from = 0; from < perm.length; from += config.batchSize()) {
      int[] idx = Batches.batch(perm, from, config.batchSize());
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
          Losses.checkFinite(loss, "gate (lambda=" + d.lambda() + ")", epoch);
          gc.backward(loss);
          lossSum += loss.getFloat() * idx.length;
          taskSum += task.getFloat() * idx.length;
        }
        trainer.step();
      }
    }
    return new EpochLoss(lossSum, taskSum);
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
