package io.isacemu.core.scheduler;

import io.isacemu.core.compute.ProcessingMode;

import io.isacemu.core.validation.Check;

/**
 * One processing path of a device: a fixed part that does not depend on bandwidth plus an upload
 * of {@code bits} at the device's uplink rate {@code R}.
 *
 * <p>Implements, for a rate {@code R = b·B_min·η} (b integer units):
 *
 * <pre>
 *   latency(R) = fixedSeconds + bits / R                  [s]
 *   energy(R)  = fixedEnergyJ + txPowerW · bits / R       [J]
 * </pre>
 *
 * For {@link ProcessingMode#OFFLOAD}: {@code bits} = raw data n_k, {@code fixedSeconds} = MEC
 * encoding time c_off, {@code fixedEnergyJ} = device-side fixed energy (usually 0; MEC energy is
 * not charged to the device). For {@link ProcessingMode#LOCAL}: {@code fixedSeconds = cycles/f_k},
 * {@code fixedEnergyJ = κ·f_k²·cycles}, {@code bits} = encoded result r_k. Both functions are
 * non-increasing and convex in R.
 *
 * @param mode processing mode of this path
 * @param fixedSeconds bandwidth-independent latency, s, finite, ≥ 0
 * @param bits bits to upload, finite, ≥ 0
 * @param fixedEnergyJ bandwidth-independent device energy, J, finite, ≥ 0
 */
public record PathOption(ProcessingMode mode, double fixedSeconds, double bits, double fixedEnergyJ) {

  public PathOption {
    Check.present("mode", mode);
    Check.nonNegative("fixedSeconds", fixedSeconds);
    Check.nonNegative("bits", bits);
    Check.nonNegative("fixedEnergyJ", fixedEnergyJ);
  }

  /**
   * Offloading path: upload {@code rawBits} (≥ 0), then the MEC encodes in {@code mecSeconds} (s, ≥
   * 0); no fixed device energy.
   */
  public static PathOption offload(double rawBits, double mecSeconds) {
    return new PathOption(ProcessingMode.OFFLOAD, mecSeconds, rawBits, 0.0);
  }

  /**
   * Local path: encode {@code cycles} CPU cycles (≥ 0) at {@code cpuHz} (&gt; 0), switched
   * capacitance {@code kappa} (effective, J/(cycle·Hz²), ≥ 0), then upload {@code resultBits} (≥
   * 0). Latency {@code cycles/f}, energy {@code κ·f²·cycles} (dynamic CMOS power model).
   */
  public static PathOption local(double cycles, double cpuHz, double kappa, double resultBits) {
    Check.nonNegative("cycles", cycles);
    Check.positive("cpuHz", cpuHz);
    Check.nonNegative("kappa", kappa);
    return new PathOption(ProcessingMode.LOCAL, cycles / cpuHz, resultBits, kappa * cpuHz * cpuHz * cycles);
  }

  /** {@code fixedSeconds + bits / rateBps}, s; {@code rateBps > 0}. */
  public double latencySeconds(double rateBps) {
    return fixedSeconds + bits / rateBps;
  }

  /** {@code fixedEnergyJ + txPowerW · bits / rateBps}, J; {@code rateBps > 0}, {@code txPowerW ≥ 0}. */
  public double energyJ(double rateBps, double txPowerW) {
    return fixedEnergyJ + txPowerW * (bits / rateBps);
  }
}
