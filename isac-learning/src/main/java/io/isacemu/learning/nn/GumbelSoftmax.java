package io.isacemu.learning.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Straight-through Gumbel-softmax (Jang, Gu, Poole 2017, eq. 1–2 and §2.2): {@code g = −log(−log U)},
 * {@code U ~ Uniform(ε, 1−ε)}; {@code soft = softmax((logits + g)/τ)}; {@code hard = onehot(argmax
 * soft)}; output {@code hard + (soft − stopGradient(soft))}: exactly one-hot forward, the soft
 * path's gradient backward.
 */
public final class GumbelSoftmax {

  /** Clamp for U so that neither log ever sees 0 (float32 resolution near 1 is ~6e-8). */
  static final float EPS = 1e-6f;

  private GumbelSoftmax() {}

  /** Gumbel(0, 1) noise of the logits' shape, drawn from the engine's seeded generator. */
  public static NDArray noise(NDArray like) {
    NDArray u = like.getManager().randomUniform(EPS, 1f - EPS, like.getShape()).clip(EPS, 1f - EPS);
    return u.log().neg().log().neg();
  }

  /** {@code softmax((logits + noise)/τ)} over the last axis; τ &gt; 0. */
  public static NDArray soft(NDArray logits, NDArray noise, double tau) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau: " + tau + " must be a finite number > 0");
    }
    return logits.add(noise).div((float) tau).softmax(-1);
  }

  /** One-hot of the argmax over the last axis of {@code (B, N)} scores. */
  public static NDArray hard(NDArray scores) {
    int n = (int) scores.getShape().get(scores.getShape().dimension() - 1);
    return scores.argMax(-1).oneHot(n, DataType.FLOAT32);
  }

  /** Straight-through estimator: forward {@code hard}, backward {@code ∂soft}. */
  public static NDArray straightThrough(NDArray soft) {
    return hard(soft).add(soft.sub(soft.stopGradient()));
  }

  /** Draws noise and returns the straight-through sample for {@code (B, N)} logits at temperature τ. */
  public static NDArray sample(NDArray logits, double tau) {
    return straightThrough(soft(logits, noise(logits), tau));
  }
}
