package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017, eq. 1 and §3.2.2):
 * {@code softmax(Q Kᵀ / √d_h + B) V} per head, heads concatenated and projected. {@code B} is
 * {@code −1e9} on padding keys. Input {@code (x (B,T,d), mask (B,T))}, output {@code (B,T,d)}.
 */
public final class MultiHeadSelfAttention extends MaskedSequenceBlock {

  private static final byte VERSION = 1;
  private final int width;
  private final int heads;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear output;

  /**
   * A block of model width {@code width ≥ 1} with {@code heads ≥ 1} heads dividing it.
   *
   * @throws IllegalArgumentException on invalid sizes
   */
  public MultiHeadSelfAttention(int width, int heads) {
    super(VERSION);
    if (width < 1 || heads < 1 || width % heads != 0) {
      throw new IllegalArgumentException(
          "width/heads: " + width + "/" + heads + " must be ≥ 1 with width divisible by heads");
    }
    this.width = width;
    this.heads = heads;
    query = addChildBlock("query", Linear.builder().setUnits(width).build());
    key = addChildBlock("key", Linear.builder().setUnits(width).build());
    value = addChildBlock("value", Linear.builder().setUnits(width).build());
    output = addChildBlock("output", Linear.builder().setUnits(width).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    long t = x.getShape().get(1);
    int dh = width / heads;
    NDArray q = split(query.forward(ps, new NDList(x), training).singletonOrThrow(), t, dh);
    NDArray k = split(key.forward(ps, new NDList(x), training).singletonOrThrow(), t, dh);
    NDArray v = split(value.forward(ps, new NDList(x), training).singletonOrThrow(), t, dh);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Sequences.scalar(x, (float) Math.sqrt(dh)));
    NDArray bias = mask.sub(1f).mul(1e9f).reshape(new Shape(-1, 1, 1, t));
    NDArray att = scores.add(bias).softmax(-1);
    NDArray ctx = att.matMul(v).transpose(0, 2, 1, 3).reshape(new Shape(-1, t, width));
    return output.forward(ps, new NDList(ctx), training);
  }

  private NDArray split(NDArray a, long t, int dh) {
    return a.reshape(new Shape(-1, t, heads, dh)).transpose(0, 2, 1, 3);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    query.initialize(manager, dataType, x);
    key.initialize(manager, dataType, x);
    value.initialize(manager, dataType, x);
    output.initialize(manager, dataType, x);
  }
}
