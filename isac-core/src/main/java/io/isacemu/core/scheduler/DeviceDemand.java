package io.isacemu.core.scheduler;

import io.isacemu.core.validation.Check;
import java.util.EnumSet;
import java.util.List;

/**
 * A device that must contribute to a sensing task: its uplink spectral efficiency, transmit power
 * and its 1–2 processing paths (binary offloading).
 *
 * <p>The uplink rate with {@code b} OFDMA units of {@code B_min} Hz is {@code R_k(b) = b·B_min·η_k}
 * with {@code η_k = log2(1 + SNR_k)} (Shannon). The SNR is normalised per Hz (transmit power
 * spectral density over noise density), so it does not depend on {@code b}: giving a device more
 * units scales its rate linearly.
 *
 * @param deviceId unique, non-blank id
 * @param spectralEfficiencyBitsPerHz η_k, bit/s/Hz, finite, &gt; 0
 * @param txPowerW uplink transmit power, W, finite, ≥ 0
 * @param options 1 or 2 processing paths with distinct modes, tried in list order on ties
 */
public record DeviceDemand(
    String deviceId, double spectralEfficiencyBitsPerHz, double txPowerW, List<PathOption> options) {

  public DeviceDemand {
    Check.present("deviceId", deviceId);
    if (deviceId.isBlank()) {
      throw new IllegalArgumentException("deviceId: '" + deviceId + "' must not be blank");
    }
    Check.positive("spectralEfficiencyBitsPerHz", spectralEfficiencyBitsPerHz);
    Check.nonNegative("txPowerW", txPowerW);
    Check.present("options", options);
    if (options.isEmpty() || options.size() > 2) {
      throw new IllegalArgumentException(
          "options: " + options.size() + " path options for device " + deviceId + ", need 1 or 2");
    }
    options = List.copyOf(options);
    EnumSet<ProcessingMode> seen = EnumSet.noneOf(ProcessingMode.class);
    for (PathOption o : options) {
      if (!seen.add(o.mode())) {
        throw new IllegalArgumentException(
            "options: mode " + o.mode() + " appears twice for device " + deviceId);
      }
    }
  }

  /** Shannon spectral efficiency {@code log2(1 + snrLinear)}, bit/s/Hz; {@code snrLinear > 0}, finite. */
  public static double spectralEfficiency(double snrLinear) {
    Check.positive("snrLinear", snrLinear);
    return Math.log1p(snrLinear) / Math.log(2.0);
  }

  /**
   * Uplink rate {@code units · (unitBandwidthHz · η)}, bit/s. The scheduler and its tests use this
   * exact expression, so latencies and energies are bit-identical everywhere.
   */
  public double rateBps(int units, double unitBandwidthHz) {
    return units * (unitBandwidthHz * spectralEfficiencyBitsPerHz);
  }
}
