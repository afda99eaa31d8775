package io.isacemu.core.compute;

import io.isacemu.core.validation.Check;

/**
 * A device's CPU for local processing.
 *
 * <pre>
 *   cycles      = FLOPs / flopsPerCycle
 *   T^loc_k     = cycles / f_k                      s
 *   E^loc_k     = κ · f_k² · cycles                  J   (dynamic CMOS power κ f³ over the time)
 * </pre>
 *
 * @param cpuHz {@code f_k}, Hz, in (0, 1e10]; reference 0.5–2 GHz
 * @param flopsPerCycle floating-point operations per cycle, in (0, 1024]; e.g. 8 for 256-bit SIMD fp32 FMA
 * @param kappa {@code κ}, effective switched capacitance, J·s²/cycle³, in (0, 1e-20]; reference 1e-28
 */
public record DeviceProcessor(double cpuHz, double flopsPerCycle, double kappa) {

  /** Reference effective switched capacitance, J·s²/cycle³. */
  public static final double REFERENCE_KAPPA = 1e-28;

  public DeviceProcessor {
    Check.inRange("cpuHz", cpuHz, Double.MIN_NORMAL, 1e10);
    Check.inRange("flopsPerCycle", flopsPerCycle, Double.MIN_NORMAL, 1024);
    Check.inRange("kappa", kappa, Double.MIN_NORMAL, 1e-20);
  }

  /** A processor at {@code cpuHz} doing {@code flopsPerCycle}, with κ = 1e-28. */
  public static DeviceProcessor of(double cpuHz, double flopsPerCycle) {
    return new DeviceProcessor(cpuHz, flopsPerCycle, REFERENCE_KAPPA);
  }

  /** Cycles needed for {@code flops} FLOPs (≥ 0). */
  public double cycles(double flops) {
    Check.nonNegative("flops", flops);
    return flops / flopsPerCycle;
  }

  /** {@code T^loc = cycles / f_k}, s. */
  public double seconds(double flops) {
    return cycles(flops) / cpuHz;
  }

  /** {@code E^loc = κ f_k² cycles}, J. */
  public double energyJ(double flops) {
    return kappa * cpuHz * cpuHz * cycles(flops);
  }
}
