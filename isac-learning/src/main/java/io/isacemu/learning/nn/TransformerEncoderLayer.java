package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Standard post-LN transformer encoder layer (Vaswani et al. 2017, §3.1):
 * {@code h = LN(x + Dropout(MHA(x)))}, {@code y = LN(h + Dropout(W₂ ReLU(W₁ h)))}. Input {@code
 * (x (B,T,d), mask (B,T))}, output {@code (B,T,d)}. (DJL's own TransformerEncoderBlock uses
 * BatchNorm and a different residual, so it is not used.)
 */
public final class TransformerEncoderLayer extends MaskedSequenceBlock {

  private static final byte VERSION = 1;
  private final MultiHeadSelfAttention attention;
  private final LayerNorm norm1;
  private final Linear ffnIn;
  private final Linear ffnOut;
  private final LayerNorm norm2;
  private final Dropout dropout;

  /**
   * A layer of model width {@code width}.
   *
   * @param width model width {@code d ≥ 1}
   * @param heads attention heads ≥ 1 dividing the width
   * @param ffnHidden FFN hidden size ≥ 1
   * @param dropoutRate dropout probability in [0, 1)
   * @throws IllegalArgumentException on invalid sizes
   */
  public TransformerEncoderLayer(int width, int heads, int ffnHidden, double dropoutRate) {
    super(VERSION);
    if (ffnHidden < 1) {
      throw new IllegalArgumentException("ffnHidden: " + ffnHidden + " must be >= 1");
    }
    if (!(dropoutRate >= 0 && dropoutRate < 1)) {
      throw new IllegalArgumentException("dropout: " + dropoutRate + " outside [0, 1)");
    }
    attention = addChildBlock("attention", new MultiHeadSelfAttention(width, heads));
    norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
    ffnIn = addChildBlock("ffnIn", Linear.builder().setUnits(ffnHidden).build());
    ffnOut = addChildBlock("ffnOut", Linear.builder().setUnits(width).build());
    norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray a = attention.forward(ps, inputs, training).singletonOrThrow();
    a = dropout.forward(ps, new NDList(a), training).singletonOrThrow();
    NDArray h = norm1.forward(ps, new NDList(x.add(a)), training).singletonOrThrow();
    NDArray f = Activation.relu(ffnIn.forward(ps, new NDList(h), training).singletonOrThrow());
    f = ffnOut.forward(ps, new NDList(f), training).singletonOrThrow();
    f = dropout.forward(ps, new NDList(f), training).singletonOrThrow();
    return norm2.forward(ps, new NDList(h.add(f)), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    attention.initialize(manager, dataType, inputShapes);
    norm1.initialize(manager, dataType, x);
    ffnIn.initialize(manager, dataType, x);
    ffnOut.initialize(manager, dataType, ffnIn.getOutputShapes(new Shape[] {x})[0]);
    norm2.initialize(manager, dataType, x);
    dropout.initialize(manager, dataType, x);
  }
}
