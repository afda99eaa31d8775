package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Late-fusion expert {@code E_i} over modality set {@code S_i}: per-modality {@link
 * ModalityEncoder}s, concatenation of the pooled vectors, MLP to one output (the sentiment score, or
 * its logit for BCE). Input: one {@code (B, T, d_m)} array per modality of {@code S_i} in canonical
 * order; output {@code (B)}.
 */
public final class ExpertBlock extends AbstractBlock {

  private static final byte VERSION = 1;
  private final ExpertNetworkSpec spec;
  private final List<ModalityEncoder> encoders = new ArrayList<>();
  private final SequentialBlock head;

  /** An expert of the given sizes. */
  public ExpertBlock(ExpertNetworkSpec spec) {
    super(VERSION);
    this.spec = spec;
    for (EncoderSpec e : spec.encoders()) {
      encoders.add(addChildBlock("encoder" + e.modality().symbol(), new ModalityEncoder(e, spec.dropout())));
    }
    head = addChildBlock("head", mlp(spec.mlpHidden(), 1));
  }

  static SequentialBlock mlp(List<Integer> hidden, int outputs) {
    SequentialBlock mlp = new SequentialBlock();
    for (int h : hidden) {
      mlp.add(Linear.builder().setUnits(h).build()).add(Activation::relu);
    }
    mlp.add(Linear.builder().setUnits(outputs).build());
    return mlp;
  }

  /** The sizes of this expert. */
  public ExpertNetworkSpec spec() {
    return spec;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList pooled = new NDList();
    for (int i = 0; i < encoders.size(); i++) {
      pooled.add(encode(ps, i, inputs.get(i), training));
    }
    return new NDList(fuse(ps, pooled, training));
  }

  /**
   * Runs only encoder {@code i} (the i-th modality of {@link ExpertNetworkSpec#modalities()}, canonical
   * order): {@code (B, T, d_m)} raw features to the pooled {@code (B, width)} vector the head
   * consumes. Used to encode on a device (local processing).
   */
  public NDArray encode(ParameterStore ps, int i, NDArray raw, boolean training) {
    return encoders.get(i).forward(ps, new NDList(raw), training).singletonOrThrow();
  }

  /**
   * Runs only the fusion head on the pooled vectors, one {@code (B, width_m)} array per modality in
   * canonical order (from {@link #encode} here or on a device): concatenation, MLP, output {@code (B)}.
   */
  public NDArray fuse(ParameterStore ps, NDList pooled, boolean training) {
    NDArray fused = pooled.size() == 1 ? pooled.get(0) : NDArrays.concat(pooled, 1);
    return head.forward(ps, new NDList(fused), training).singletonOrThrow().reshape(-1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (int i = 0; i < encoders.size(); i++) {
      encoders.get(i).initialize(manager, dataType, inputShapes[i]);
    }
    head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), spec.fusedWidth()));
  }
}
