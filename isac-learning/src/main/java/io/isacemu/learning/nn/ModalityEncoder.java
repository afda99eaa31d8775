package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-modality encoder (MulT-style): 1×1 Conv1d {@code C → d} on {@code (B, C, T)}, sinusoidal
 * positions, {@link TransformerEncoderLayer}×L with the padding mask, masked mean pooling. Input
 * {@code (B, T, C)}, output {@code (B, d)}.
 */
public final class ModalityEncoder extends AbstractBlock {

  private static final byte VERSION = 1;
  private final EncoderSpec spec;
  private final Conv1d projection;
  private final List<TransformerEncoderLayer> layers = new ArrayList<>();

  /** An encoder of the given sizes with the given dropout in [0, 1). */
  public ModalityEncoder(EncoderSpec spec, double dropout) {
    super(VERSION);
    this.spec = spec;
    projection =
        addChildBlock("projection", Conv1d.builder().setKernelShape(new Shape(1)).setFilters(spec.width()).build());
    for (int i = 0; i < spec.layers(); i++) {
      layers.add(addChildBlock(
          "layer" + i, new TransformerEncoderLayer(spec.width(), spec.heads(), spec.ffnHidden(), dropout)));
    }
  }

  /** The sizes of this encoder. */
  public EncoderSpec spec() {
    return spec;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray mask = Sequences.paddingMask(x);
    NDArray h = projection.forward(ps, new NDList(x.transpose(0, 2, 1)), training).singletonOrThrow();
    h = Sequences.addPositions(h.transpose(0, 2, 1));
    for (TransformerEncoderLayer layer : layers) {
      h = layer.forward(ps, new NDList(h, mask), training).singletonOrThrow();
    }
    return new NDList(Sequences.maskedMean(h, mask));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), spec.width())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    long b = x.get(0);
    long t = x.get(1);
    projection.initialize(manager, dataType, new Shape(b, x.get(2), t));
    Shape h = new Shape(b, t, spec.width());
    for (TransformerEncoderLayer layer : layers) {
      layer.initialize(manager, dataType, h, new Shape(b, t));
    }
  }
}
