package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
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
public final class TransformerEncoderLayer extends AbstractBlock {

  private static final byte VERSION = 1;
  private final MultiHeadSelfAttention attention;
  private final LayerNorm norm1;
  private final Linear ffnIn;
  private final Linear ffnOut;
  private final LayerNorm norm2;
  private final Dropout dropout;

  private TransformerEncoderLayer(Builder b) {
    super(VERSION);
    attention = addChildBlock("attention", MultiHeadSelfAttention.builder().setWidth(b.width).setHeads(b.heads).build());
    norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
    ffnIn = addChildBlock("ffnIn", Linear.builder().setUnits(b.ffnHidden).build());
    ffnOut = addChildBlock("ffnOut", Linear.builder().setUnits(b.width).build());
    norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate((float) b.dropout).build());
  }

  /** A builder; width, heads and FFN hidden size are required. */
  public static Builder builder() {
    return new Builder();
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
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
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

  /** Builder of {@link TransformerEncoderLayer}. */
  public static final class Builder {
    private int width;
    private int heads;
    private int ffnHidden;
    private double dropout;

    private Builder() {}

    /** Model width {@code d ≥ 1}. */
    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    /** Head count ≥ 1 dividing the width. */
    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    /** FFN hidden size ≥ 1. */
    public Builder setFfnHidden(int ffnHidden) {
      this.ffnHidden = ffnHidden;
      return this;
    }

    /** Dropout probability in [0, 1), default 0. */
    public Builder optDropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    /** Builds the layer. */
    public TransformerEncoderLayer build() {
      if (ffnHidden < 1) {
        throw new IllegalArgumentException("ffnHidden: " + ffnHidden + " must be >= 1");
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("dropout: " + dropout + " outside [0, 1)");
      }
      return new TransformerEncoderLayer(this);
    }
  }
}
