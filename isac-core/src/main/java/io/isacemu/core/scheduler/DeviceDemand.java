package io.isacemu.core.scheduler;

import io.isacemu.core.compute.ProcessingMode;

import io.isacemu.core.validation.Check;
import java.util.EnumSet;
import java.util.List;

/**
 * A device that must contribute to a sensing task: its uplink spectral efficiency, transmit power
 * and its 1–2 processing paths (binary offloading).
 *
 * <p>The uplink rate with {@code b} OFDMA units of {@code B_min} Hz is given by {@link UplinkRate}:
 * eq. (5) with a fixed total power and the noise over the allocated band ({@link
 * UplinkRate.PowerLimited}, the platform's model), or a constant spectral efficiency ({@link
 * UplinkRate.Linear}).
 *
 * @param deviceId unique, non-blank id
 * @param uplink how the rate grows with the units
 * @param txPowerW uplink transmit power, W, finite, ≥ 0
 * @param options 1 or 2 processing paths with distinct modes, tried in list order on ties
 */
public record DeviceDemand(
    String deviceId, UplinkRate uplink, double txPowerW, List<PathOption> options) {

  /** A device with a constant spectral efficiency {@code η} ({@link UplinkRate.Linear}). */
  public DeviceDemand(String deviceId, double spectralEfficiencyBitsPerHz, double txPowerW, List<PathOption> options) {
    this(deviceId, new UplinkRate.Linear(spectralEfficiencyBitsPerHz), txPowerW, options);
  }

  /** A device under eq. (5) with one-unit SNR {@code γ_1} ({@link UplinkRate.PowerLimited}). */
  public static DeviceDemand powerLimited(
      String deviceId, double snrPerUnitLinear, double txPowerW, List<PathOption> options) {
    return new DeviceDemand(deviceId, new UplinkRate.PowerLimited(snrPerUnitLinear), txPowerW, options);
  }

  public DeviceDemand {
    Check.present("deviceId", deviceId);
    if (deviceId.isBlank()) {
      throw new IllegalArgumentException("deviceId: '" + deviceId + "' must not be blank");
    }
    Check.present("uplink", uplink);
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
   * Uplink rate with {@code units} units, bit/s. The scheduler and its tests use this exact
   * expression, so latencies and energies are bit-identical everywhere.
   */
  public double rateBps(int units, double unitBandwidthHz) {
    return uplink.rateBps(units, unitBandwidthHz);
  }
}
