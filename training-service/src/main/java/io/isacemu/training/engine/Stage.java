package io.isacemu.training.engine;

/** The two training stages of modality-level dynamic fusion. */
public enum Stage {
  /** Stage I: each expert pre-trained alone on its modality set. */
  STAGE_I,
  /** Stage II: the gate trained with loss {@code L_task + λ Σ g_i C(E_i)}, once per λ. */
  STAGE_II
}
