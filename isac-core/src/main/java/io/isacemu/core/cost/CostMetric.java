package io.isacemu.core.cost;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Locale;

/** Which resource {@code C(E_i)} measures in the loss {@code L = L_task + λ Σ g_i C(E_i)}. */
public enum CostMetric {
  /** End-to-end latency, s. */
  LATENCY,
  /** Device energy, J. */
  ENERGY,
  /** Bits over the air. */
  BITS,
  /** Floating-point operations. */
  FLOPS;

  /** Case-insensitive parse; the error names the value. */
  public static CostMetric parse(String value) {
    for (CostMetric m : values()) {
      if (m.name().equals(value == null ? "" : value.trim().toUpperCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new InvalidFieldException(
        "costMetric", value, "unknown value '" + value + "' (expected latency, energy, bits or flops)");
  }
}
