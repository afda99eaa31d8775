package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate: small per-modality encoders over its input modalities, pooled vectors concatenated with
 * the optional dense feature vector (network state), one linear layer to {@code N} logits. Input:
 * one {@code (B, T, d_m)} array per input modality in canonical order, then {@code (B, extraDim)} if
 * {@code extraDim > 0}; output logits {@code (B, N)}.
 */
public final class GateBlock extends AbstractBlock {

  private static final byte VERSION = 1;
  private final GateSpec spec;
  private final List<ModalityEncoder> encoders = new ArrayList<>();
  private final Linear logits;

  /** A gate of the given sizes. */
  public GateBlock(GateSpec spec) {
    super(VERSION);
    this.spec = spec;
    for (EncoderSpec e : spec.encoders()) {
      encoders.add(addChildBlock("encoder" + e.modality().symbol(), new ModalityEncoder(e, spec.dropout())));
    }
    logits = addChildBlock("logits", Linear.builder().setUnits(spec.experts()).build());
  }

  /** The sizes of this gate. */
  public GateSpec spec() {
    return spec;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList parts = new NDList();
    for (int i = 0; i < encoders.size(); i++) {
      parts.add(encoders.get(i).forward(ps, new NDList(inputs.get(i)), training).singletonOrThrow());
    }
    if (spec.extraDim() > 0) {
      parts.add(inputs.get(encoders.size()));
    }
    NDArray fused = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    return logits.forward(ps, new NDList(fused), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), spec.experts())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (int i = 0; i < encoders.size(); i++) {
      encoders.get(i).initialize(manager, dataType, inputShapes[i]);
    }
    logits.initialize(manager, dataType, new Shape(inputShapes[0].get(0), spec.fusedWidth()));
  }
}
