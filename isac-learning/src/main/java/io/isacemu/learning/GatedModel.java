package io.isacemu.learning;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.metrics.RoutingStats;
import io.isacemu.learning.metrics.SentimentMetrics;
import io.isacemu.learning.nn.ExpertBlock;
import io.isacemu.learning.nn.Flops;
import io.isacemu.learning.nn.GateBlock;
import io.isacemu.learning.nn.MixtureBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained (or loaded) gate with its experts. Inference runs the gate, takes the argmax (no Gumbel
 * noise), groups the samples by chosen expert and runs each expert on its group only, so unchosen
 * experts cost nothing. Not thread-safe (one instance per thread). Owns a DJL {@link Model}: close it.
 */
public final class GatedModel implements AutoCloseable {

  /**
   * Samples per inference chunk (bounds memory; routing groups are formed inside a chunk). 128, not
   * 256: on a 2-core CPU the reference V+A+T expert costs ~2.3 ms/sample in groups of 64–128 but ~11
   * ms/sample in one group of 256 (measured, see README).
   */
  static final int CHUNK = 128;

  private final ModelDescription description;
  private final Model model;
  private final MixtureBlock block;

  private GatedModel(ModelDescription description, Model model, MixtureBlock block) {
    this.description = description;
    this.model = model;
    this.block = block;
  }

  /** Builds the architecture of {@code d} with fresh parameters drawn from DJL's engine RNG (seed it with {@code Engine.getInstance().setRandomSeed}). */
  public static GatedModel create(ModelDescription d) {
    List<ExpertBlock> experts = new ArrayList<>();
    for (int i = 0; i < d.experts().size(); i++) {
      experts.add(new ExpertBlock(d.expertSpec(i)));
    }
    MixtureBlock block = new MixtureBlock(new GateBlock(d.gateSpec()), experts);
    Model model = Model.newInstance("gated-" + String.join("_", d.expertNames()));
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes(d, block));
    return new GatedModel(d, model, block);
  }

  static Shape[] inputShapes(ModelDescription d, MixtureBlock block) {
    List<Shape> shapes = new ArrayList<>();
    for (Modality m : block.inputs().modalities()) {
      shapes.add(new Shape(1, d.sequenceLength(m), d.featureDims().get(m)));
    }
    if (d.networkStateDim() > 0) {
      shapes.add(new Shape(1, d.networkStateDim()));
    }
    return shapes.toArray(new Shape[0]);
  }

  /** The architecture and training description. */
  public ModelDescription description() {
    return description;
  }

  Model model() {
    return model;
  }

  MixtureBlock block() {
    return block;
  }

  /** Expert names in gate-output order. */
  public List<String> expertNames() {
    return description.expertNames();
  }

  /** Analytic FLOPs of expert {@code i} per sample (see {@link Flops}). */
  public long expertFlops(int i) {
    return Flops.expert(block.experts().get(i).spec(), description.sequenceLengths());
  }

  /** Analytic FLOPs of the gate per sample. */
  public long gateFlops() {
    return Flops.gate(block.gate().spec(), description.sequenceLengths());
  }

  /**
   * The gate's choice (argmax of its logits) for every sample of {@code split}.
   *
   * @param features the dense gate features; ignored when the gate takes none
   */
  public int[] choose(MultimodalSplit split, GateFeatures features) {
    checkSplit(split);
    int n = split.size();
    int[] choice = new int[n];
    try (NDManager mgr = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(mgr, false);
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        try (NDManager bm = mgr.newSubManager()) {
          int[] idx = SplitTensors.range(from, to);
          NDList in = SplitTensors.features(bm, split, description.gateInputs(), idx);
          if (description.networkStateDim() > 0) {
            in.add(SplitTensors.extra(bm, split, features, description.networkStateDim(), idx));
          }
          NDArray logits = block.gate().forward(ps, in, false).singletonOrThrow();
          float[] l = logits.toFloatArray();
          int experts = description.experts().size();
          for (int k = 0; k < to - from; k++) {
            // argmax over the routable experts only (first index wins ties, as argMax does)
            int best = -1;
            for (int e = 0; e < experts; e++) {
              if (description.routable(e) && (best < 0 || l[k * experts + e] > l[k * experts + best])) {
                best = e;
              }
            }
            choice[from + k] = best;
          }
        }
      }
    }
    return choice;
  }

  /**
   * Runs, for each sample, only expert {@code choice[i]} (samples grouped by expert, each expert run
   * once per chunk on its group, outputs scattered back).
   *
   * @throws IllegalArgumentException when the lengths differ or a choice is out of range
   */
  public float[] route(MultimodalSplit split, int[] choice) {
    checkSplit(split);
    int n = split.size();
    if (choice.length != n) {
      throw new IllegalArgumentException("choice: length " + choice.length + " != split size " + n);
    }
    int experts = description.experts().size();
    float[] out = new float[n];
    try (NDManager mgr = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(mgr, false);
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        int[] counts = new int[experts];
        for (int i = from; i < to; i++) {
          if (choice[i] < 0 || choice[i] >= experts) {
            throw new IllegalArgumentException("choice[" + i + "]: " + choice[i] + " outside [0, " + experts + ")");
          }
          counts[choice[i]]++;
        }
        for (int e = 0; e < experts; e++) {
          if (counts[e] == 0) {
            continue;
          }
          int[] group = new int[counts[e]];
          int k = 0;
          for (int i = from; i < to; i++) {
            if (choice[i] == e) {
              group[k++] = i;
            }
          }
          try (NDManager bm = mgr.newSubManager()) {
            ExpertBlock expert = block.experts().get(e);
            NDList in = SplitTensors.features(bm, split, expert.spec().modalities(), group);
            float[] y = expert.forward(ps, in, false).singletonOrThrow().toFloatArray();
            for (int j = 0; j < group.length; j++) {
              out[group[j]] = y[j];
            }
          }
        }
      }
    }
    return out;
  }

  /** Gated inference: {@link #choose} then {@link #route}. */
  public Prediction predict(MultimodalSplit split, GateFeatures features) {
    int[] choice = choose(split, features);
    return new Prediction(route(split, choice), choice);
  }

  /** Expert {@code i} alone on every sample (a baseline). */
  public float[] expertPredict(int i, MultimodalSplit split) {
    int[] choice = new int[split.size()];
    java.util.Arrays.fill(choice, i);
    return route(split, choice);
  }

  /** Metrics, routing statistics and the stage-II objective of gated inference on {@code split}. */
  public GatedEvaluation evaluate(MultimodalSplit split, GateFeatures features) {
    Prediction p = predict(split, features);
    float[] y = SplitTensors.labels(split);
    RoutingStats routing = RoutingStats.of(p.chosenExpert(), expertNames(), description.costs());
    return evaluation(p, y, routing);
  }

  /**
   * Like {@link #evaluate(MultimodalSplit, GateFeatures)}, but the gate reads each sample's drawn
   * network state and every sample is priced in its own state ({@link StateCosts#routing}); the
   * objective's normalised cost is over the routable experts.
   */
  public GatedEvaluation evaluate(MultimodalSplit split, StateCosts stateCosts) {
    Prediction p = predict(split, stateCosts.features());
    float[] y = SplitTensors.labels(split);
    RoutingStats routing = stateCosts.routing(p.chosenExpert(), split, expertNames(),
        description.routable().stream().map(io.isacemu.core.modality.ModalitySet::name).toList());
    return evaluation(p, y, routing);
  }

  /** The evaluation of prediction {@code p} against labels {@code y}, its routing priced as given. */
  private GatedEvaluation evaluation(Prediction p, float[] y, RoutingStats routing) {
    double task = Losses.task(description.taskLoss(), p.values(), y);
    return new GatedEvaluation(
        SentimentMetrics.compute(y, p.values()),
        routing,
        task,
        task + description.lambda() * routing.expectedNormalisedCost());
  }

  private void checkSplit(MultimodalSplit split) {
    for (var e : description.sequenceLengths().entrySet()) {
      if (split.modalities().contains(e.getKey()) && split.sequenceLength(e.getKey()) != e.getValue()) {
        throw new IllegalArgumentException("split: sequence length of " + e.getKey() + " is "
            + split.sequenceLength(e.getKey()) + " != model's " + e.getValue());
      }
    }
    for (var e : description.featureDims().entrySet()) {
      if (split.modalities().contains(e.getKey()) && split.featureDim(e.getKey()) != e.getValue()) {
        throw new IllegalArgumentException(
            "split: feature dim of " + e.getKey() + " is " + split.featureDim(e.getKey()) + " != model's " + e.getValue());
      }
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
