package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.ArrayList;
import java.util.List;

/**
 * Gate plus experts, for stage-II training (every expert runs on every sample so that the gate can
 * learn from all of them). Input: one {@code (B, T, d_m)} array per modality of {@link #inputs()} in
 * canonical order, then the gate's dense features if any. Output: gate logits {@code (B, N)} and
 * expert outputs {@code (B, N)}. Inference instead runs only the chosen expert per sample (see
 * {@code GatedModel}).
 */
public final class MixtureBlock extends AbstractBlock {

  private static final byte VERSION = 1;
  private final GateBlock gate;
  private final List<ExpertBlock> experts = new ArrayList<>();
  private final ModalitySet inputs;

  /** Wraps a gate and experts (children are registered gate first, then experts in order). */
  public MixtureBlock(GateBlock gate, List<ExpertBlock> experts) {
    super(VERSION);
    this.gate = addChildBlock("gate", gate);
    int mask = gate.spec().inputs().mask();
    for (int i = 0; i < experts.size(); i++) {
      this.experts.add(addChildBlock("expert" + i, experts.get(i)));
      mask |= experts.get(i).spec().modalities().mask();
    }
    this.inputs = new ModalitySet(mask);
  }

  /** The gate. */
  public GateBlock gate() {
    return gate;
  }

  /** The experts in declaration order. */
  public List<ExpertBlock> experts() {
    return List.copyOf(experts);
  }

  /** Union of the modalities read by the gate and the experts: the block's input layout. */
  public ModalitySet inputs() {
    return inputs;
  }

  private NDList select(NDList in, ModalitySet wanted) {
    NDList out = new NDList();
    List<Modality> all = inputs.modalities();
    for (Modality m : wanted.modalities()) {
      out.add(in.get(all.indexOf(m)));
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
    NDList gateIn = select(in, gate.spec().inputs());
    if (gate.spec().extraDim() > 0) {
      gateIn.add(in.get(inputs.size()));
    }
    NDArray logits = gate.forward(ps, gateIn, training).singletonOrThrow();
    NDList preds = new NDList();
    for (ExpertBlock e : experts) {
      preds.add(e.forward(ps, select(in, e.spec().modalities()), training).singletonOrThrow());
    }
    return new NDList(logits, NDArrays.stack(preds, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b, experts.size()), new Shape(b, experts.size())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    List<Modality> all = inputs.modalities();
    List<Shape> g = new ArrayList<>();
    for (Modality m : gate.spec().inputs().modalities()) {
      g.add(shapes[all.indexOf(m)]);
    }
    if (gate.spec().extraDim() > 0) {
      g.add(shapes[inputs.size()]);
    }
    gate.initialize(manager, dataType, g.toArray(new Shape[0]));
    for (ExpertBlock e : experts) {
      List<Shape> s = new ArrayList<>();
      for (Modality m : e.spec().modalities().modalities()) {
        s.add(shapes[all.indexOf(m)]);
      }
      e.initialize(manager, dataType, s.toArray(new Shape[0]));
    }
  }
}
