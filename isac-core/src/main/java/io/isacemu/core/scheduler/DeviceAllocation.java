package io.isacemu.core.scheduler;

import io.isacemu.core.compute.ProcessingMode;

import io.isacemu.core.validation.Check;

/**
 * What one device gets: {@code units ≥ 1} OFDMA units (so a_k = 1), its path, and the resulting
 * rate {@code b·B_min·η}, latency and energy (see {@link PathOption}).
 *
 * @param deviceId the device
 * @param units b_k, ≥ 1
 * @param mode chosen path
 * @param rateBps uplink rate, bit/s, &gt; 0
 * @param latencySeconds device latency, s, ≥ 0
 * @param energyJ device energy, J, ≥ 0
 */
public record DeviceAllocation(
    String deviceId, int units, ProcessingMode mode, double rateBps, double latencySeconds, double energyJ) {

  public DeviceAllocation {
    Check.present("deviceId", deviceId);
    Check.positive("units", units);
    Check.present("mode", mode);
    Check.positive("rateBps", rateBps);
    Check.nonNegative("latencySeconds", latencySeconds);
    Check.nonNegative("energyJ", energyJ);
  }
}
