package io.isacemu.learning;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.metrics.SentimentMetrics;
import io.isacemu.learning.nn.ExpertBlock;
import io.isacemu.learning.nn.ExpertNetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Stage I of a {@link TrainingJob}: expert {@code E_i} trained alone on {@code L_task} (mean over
 * the batch, in the label's units) with Adam ({@link ResumableAdam}), keeping the parameters with
 * the lowest validation task loss and stopping after {@code patience} epochs without improvement.
 *
 * <p>Checkpointed after every epoch ({@link TrainingCheckpoints}, {@link ExpertCheckpoint}) and
 * resumable exactly: the engine is seeded with {@code s = seed·31 + i} before initialisation and
 * epoch 0, and reseeded with {@link #epochSeed}{@code (s, e)} at the start of every later epoch
 * {@code e} (dropout); the shuffles come from {@code SplittableRandom(s)}, one per epoch, replayed
 * on resume. So an expert resumed after epoch {@code k} continues with the very numbers of an
 * uninterrupted run.
 */
final class ExpertTrainer {

  private final LearningConfig config;
  private final TrainingListener listener;
  private final LongSupplier nanoClock;
  private final TrainingCheckpoints checkpoints;

  /** An expert's stage-I outcome: its result and its kept (best) parameters, DJL's encoding. */
  record Trained(TrainingResult.ExpertResult result, byte[] bestParams) {}

  ExpertTrainer(LearningConfig config, TrainingListener listener, LongSupplier nanoClock, TrainingCheckpoints checkpoints) {
    this.config = config;
    this.listener = listener;
    this.nanoClock = nanoClock;
    this.checkpoints = checkpoints;
  }

  /**
   * The engine seed of epoch {@code epoch ≥ 1} of the run seeded {@code base}: a SplitMix64
   * finaliser of {@code base} and the epoch (any two differ with overwhelming probability).
   */
  static int epochSeed(long base, int epoch) {
    long z = base + 0x9E3779B97F4A7C15L * (epoch + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) (z ^ (z >>> 31));
  }

  /** Trains expert {@code index} of the configuration, or restores it (whole or after its last epoch). */
  Trained train(int index, Map<Modality, Integer> dims, MultimodalSplit train, MultimodalSplit valid, Progress progress) {
    ModalitySet set = config.experts().get(index);
    String key = ExpertCheckpoint.key(index, set.name());
    String run = ExpertCheckpoint.runOf(config, index, set.name(), train.size(), valid.size(),
        train.sequenceLengths(set.modalities()));
    Optional<ExpertCheckpoint> saved = saved(key, run);
    if (saved.isPresent() && saved.get().complete()) {
      ExpertCheckpoint c = saved.get();
      progress.restored(c.epochsRun());
      listener.onRestored(set.name(), c.epochsRun(), true);
      return new Trained(new TrainingResult.ExpertResult(set.name(), c.epochsRun(), c.bestLoss(), c.bestMetrics()),
          c.bestParams());
    }
    long base = config.seed() * 31 + index;
    Engine.getInstance().setRandomSeed((int) base);
    SplittableRandom rng = new SplittableRandom(base);
    ExpertNetworkSpec spec = config.preset().expert(set, dims);
    ExpertBlock block = new ExpertBlock(spec);
    float[] validLabels = SplitTensors.labels(valid);
    try (Model model = Model.newInstance("expert-" + set.name())) {
      model.setBlock(block);
      List<Shape> list = new ArrayList<>();
      for (Modality m : set.modalities()) {
        list.add(new Shape(1, train.sequenceLength(m), train.featureDim(m)));
      }
      Shape[] shapes = list.toArray(new Shape[0]);
      block.initialize(model.getNDManager(), DataType.FLOAT32, shapes);
      int start = 0;
      int stale = 0;
      double best = Double.POSITIVE_INFINITY;
      byte[] bestParams = new byte[0];
      SentimentMetrics bestMetrics = SentimentMetrics.compute(new float[0], new float[0]);
      if (saved.isPresent()) {
        ExpertCheckpoint c = saved.get();
        // before the trainer caches the parameter arrays: the loaded ones are those it trains
        BlockParams.restore(block, model.getNDManager(), c.live().orElseThrow().params());
        start = c.epochsRun();
        stale = c.stale();
        best = c.bestLoss();
        bestParams = c.bestParams();
        bestMetrics = c.bestMetrics();
        for (int e = 0; e < start; e++) {
          Batches.shuffled(train.size(), rng); // replay the completed epochs' shuffles
        }
        progress.restored(start);
        listener.onRestored(set.name(), start, false);
      }
      ResumableAdam adam = new ResumableAdam(config.expertLearningRate());
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam))) {
        trainer.initialize(shapes);
        if (saved.isPresent()) {
          adam.restore(block, model.getNDManager(), saved.get().live().orElseThrow().optimizer());
        }
        int epochsRun = start;
        if (start < config.expertEpochs() && stale < config.patience()) {
          listener.onRunStart(EpochReport.Stage.EXPERTS, set.name(), 0, start);
        }
        for (int epoch = start; epoch < config.expertEpochs() && stale < config.patience(); epoch++) {
          if (epoch > 0) {
            Engine.getInstance().setRandomSeed(epochSeed(base, epoch));
          }
          long t0 = nanoClock.getAsLong();
          double trainLoss = trainEpoch(trainer, set, train, Batches.shuffled(train.size(), rng), epoch) / train.size();
          double sps = train.size() / Math.max(1e-9, (nanoClock.getAsLong() - t0) / 1e9);
          epochsRun++;
          float[] pred = predict(block, model, valid);
          double validLoss = Losses.task(config.taskLoss(), pred, validLabels);
          SentimentMetrics metrics = SentimentMetrics.compute(validLabels, pred);
          if (!Double.isFinite(validLoss)) {
            throw new IllegalStateException("training diverged: expert " + set.name() + " validation loss "
                + validLoss + " at epoch " + epoch + "; lower the learning rate");
          }
          boolean improved = validLoss < best;
          if (improved) {
            best = validLoss;
            bestParams = BlockParams.snapshot(block);
            bestMetrics = metrics;
            stale = 0;
          } else {
            stale++;
          }
          boolean done = stale >= config.patience() || epochsRun == config.expertEpochs();
          // durable before anyone hears of the epoch: a reported epoch is never trained again
          checkpoints.save(key, new ExpertCheckpoint(run, epochsRun, stale, best, bestMetrics, bestParams,
              done ? Optional.empty()
                  : Optional.of(new ExpertCheckpoint.Live(BlockParams.snapshot(block), adam.export(block)))).encode());
          listener.onEpoch(new EpochReport(
              EpochReport.Stage.EXPERTS, set.name(), 0, epoch, config.expertEpochs(), Double.NaN, trainLoss,
              trainLoss, validLoss, validLoss, metrics, Optional.empty(), sps, progress.eta(), improved));
        }
        return new Trained(new TrainingResult.ExpertResult(set.name(), epochsRun, best, bestMetrics), bestParams);
      }
    }
  }

  /** The checkpoint under {@code key} when it is intact and of this run; else empty (with a note). */
  private Optional<ExpertCheckpoint> saved(String key, String run) {
    Optional<byte[]> bytes = checkpoints.load(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      ExpertCheckpoint c = ExpertCheckpoint.decode(bytes.get());
      if (!c.run().equals(run)) {
        listener.onMessage("checkpoint " + key + " is of another run (" + c.run() + "); training it from epoch 0");
        return Optional.empty();
      }
      return Optional.of(c);
    } catch (IllegalArgumentException e) {
      listener.onMessage("checkpoint " + key + " ignored: " + e.getMessage() + "; training it from epoch 0");
      return Optional.empty();
    }
  }

  /** One epoch over {@code perm} in batches; returns the sum over samples of the batch task loss. */
  private double trainEpoch(Trainer trainer, ModalitySet set, MultimodalSplit train, int[] perm, int epoch) {
    double lossSum = 0;
    for (int from = 0; from < perm.length; from += config.batchSize()) {
      int[] idx = Batches.batch(perm, from, config.batchSize());
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDList x = SplitTensors.features(bm, train, set, idx);
        NDArray y = SplitTensors.labels(bm, train, idx);
        try (GradientCollector gc = trainer.newGradientCollector()) {
          NDArray pred = trainer.forward(x).singletonOrThrow();
          NDArray loss = Losses.task(config.taskLoss(), pred, y);
          Losses.checkFinite(loss, "expert " + set.name(), epoch);
          gc.backward(loss);
          lossSum += loss.getFloat() * idx.length;
        }
        trainer.step();
      }
    }
    return lossSum;
  }

  private static float[] predict(ExpertBlock block, Model model, MultimodalSplit split) {
    float[] out = new float[split.size()];
    try (NDManager mgr = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(mgr, false);
      for (int from = 0; from < split.size(); from += GatedModel.CHUNK) {
        int to = Math.min(split.size(), from + GatedModel.CHUNK);
        try (NDManager bm = mgr.newSubManager()) {
          NDList x = SplitTensors.features(bm, split, block.spec().modalities(), SplitTensors.range(from, to));
          float[] y = block.forward(ps, x, false).singletonOrThrow().toFloatArray();
          System.arraycopy(y, 0, out, from, y.length);
        }
      }
    }
    return out;
  }
}
