package io.isacemu.learning;

/** Which component of an expert's cost {@code C(E_i)} enters the loss {@code L = L_task + λ Σ g_i C(E_i)}. */
public enum CostMetric {
  /** End-to-end latency, seconds. */
  LATENCY,
  /** Energy, joules. */
  ENERGY,
  /** Uplink bits per inference. */
  BITS,
  /** Floating-point operations per inference. */
  FLOPS
}
