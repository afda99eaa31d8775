package io.isacemu.learning.nn;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import java.util.Map;

/**
 * Analytic forward FLOP count per sample (one multiply-add = 2 FLOPs; biases, activations,
 * softmax, LayerNorm, positional encoding and pooling are not counted — they are O(T·d) against the
 * O(T·d²) terms). Each modality's encoder runs over that modality's own length {@code T_m}
 * (unaligned data); for a sequence of length {@code T} (padding included: it is computed anyway):
 *
 * <ul>
 *   <li>1×1 Conv1d {@code C → d}: {@code 2·T·C·d}
 *   <li>self-attention: Q, K, V, output projections {@code 4·2·T·d²}; scores {@code QKᵀ} {@code
 *       2·T²·d}; weighted sum of values {@code 2·T²·d}
 *   <li>FFN {@code d → h → d}: {@code 2·2·T·d·h}
 *   <li>MLP / linear {@code a → b}: {@code 2·a·b} per layer
 * </ul>
 */
public final class Flops {

  private Flops() {}

  /** FLOPs of one encoder over a sequence of {@code T ≥ 1} steps. */
  public static long encoder(EncoderSpec e, int T) {
    Check.positive("T", T);
    long t = T;
    long d = e.width();
    long conv = 2L * t * e.inputDim() * d;
    long attention = 8L * t * d * d + 4L * t * t * d;
    long ffn = 4L * t * d * e.ffnHidden();
    return conv + e.layers() * (attention + ffn);
  }

  /** FLOPs of one expert (encoders + MLP head) per sample; {@code steps} gives each encoder's {@code T_m}. */
  public static long expert(ExpertNetworkSpec s, Map<Modality, Integer> steps) {
    long total = 0;
    for (EncoderSpec e : s.encoders()) {
      total += encoder(e, steps(steps, e.modality()));
    }
    long in = s.fusedWidth();
    for (int h : s.mlpHidden()) {
      total += 2L * in * h;
      in = h;
    }
    return total + 2L * in;
  }

  /** FLOPs of the gate (encoders + final linear layer) per sample; {@code steps} gives each encoder's {@code T_m}. */
  public static long gate(GateSpec g, Map<Modality, Integer> steps) {
    long total = 0;
    for (EncoderSpec e : g.encoders()) {
      total += encoder(e, steps(steps, e.modality()));
    }
    return total + 2L * g.fusedWidth() * g.experts();
  }

  private static int steps(Map<Modality, Integer> steps, Modality m) {
    Integer t = steps.get(m);
    if (t == null) {
      throw new IllegalArgumentException("steps: no sequence length for " + m + " in " + steps);
    }
    return t;
  }
}
