package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Padding mask, sinusoidal positions and masked pooling over {@code (B, T, d)} sequences. */
public final class Sequences {

  private Sequences() {}

  /**
   * Padding mask {@code (B, T)}: 1 where the time step has any non-zero feature, 0 where the whole
   * step is zero (MOSEI text is left-padded with zero rows).
   */
  public static NDArray paddingMask(NDArray x) {
    return x.abs().sum(new int[] {2}).gt(0f).toType(DataType.FLOAT32, false);
  }

  /**
   * Sinusoidal positional encoding {@code (T, d)} (Vaswani et al. 2017, eq. in §3.5):
   * {@code PE(t, 2i) = sin(t / 10000^(2i/d))}, {@code PE(t, 2i+1) = cos(t / 10000^(2i/d))}.
   */
  public static float[] positionalEncoding(int T, int d) {
    float[] pe = new float[T * d];
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < d; i++) {
        double freq = Math.pow(10000.0, -(2 * (i / 2)) / (double) d);
        pe[t * d + i] = (float) ((i % 2 == 0) ? Math.sin(t * freq) : Math.cos(t * freq));
      }
    }
    return pe;
  }

  /** Adds the positional encoding to {@code x (B, T, d)}. */
  static NDArray addPositions(NDArray x) {
    Shape s = x.getShape();
    int T = (int) s.get(1);
    int d = (int) s.get(2);
    NDArray pe = constant(x.getManager(), positionalEncoding(T, d), new Shape(1, T, d));
    return x.add(pe);
  }

  /**
   * An array holding a copy of {@code data} in PyTorch-owned memory. {@code NDManager.create} wraps a
   * Java direct buffer; with such arrays inside the autograd graph we saw sporadic NaN gradients, so
   * every array that enters training is copied once with {@code duplicate()}.
   */
  public static NDArray constant(NDManager manager, float[] data, Shape shape) {
    NDArray wrapped = manager.create(data, shape);
    NDArray copy = wrapped.duplicate();
    wrapped.close();
    return copy;
  }

  /**
   * Masked mean over time: {@code Σ_t m_t x_t / max(1, Σ_t m_t)}, {@code (B, T, d) → (B, d)}; an
   * all-padding sample pools to zeros.
   */
  public static NDArray maskedMean(NDArray x, NDArray mask) {
    NDArray m = mask.expandDims(2);
    NDArray sum = x.mul(m).sum(new int[] {1});
    NDArray count = mask.sum(new int[] {1}, true).maximum(1f);
    return sum.div(count);
  }
}
