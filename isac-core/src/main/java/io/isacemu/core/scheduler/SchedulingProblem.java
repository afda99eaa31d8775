package io.isacemu.core.scheduler;

import io.isacemu.core.validation.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One scheduling round: {@code U} integer OFDMA units of {@code B_min} Hz each, shared by the
 * devices that must contribute (every listed device gets {@code b_k ≥ 1} units, {@code Σ b_k ≤ U}).
 *
 * <p>Several concurrent tasks are scheduled as the union of their devices; the min-latency
 * objective is then the makespan over all those devices (the slowest device of any task).
 *
 * @param unitBandwidthHz B_min, Hz, finite, &gt; 0
 * @param totalUnits U = ⌊B/B_min⌋, ≥ 1 (see {@link #unitsFor(double, double)})
 * @param devices at least one device, ids unique; list order is the tie-break order
 */
public record SchedulingProblem(double unitBandwidthHz, int totalUnits, List<DeviceDemand> devices) {

  /** Quotients within this relative distance of an integer are taken as that integer. */
  private static final double QUOTIENT_TOLERANCE = 1e-9;

  public SchedulingProblem {
    Check.positive("unitBandwidthHz", unitBandwidthHz);
    Check.positive("totalUnits", totalUnits);
    Check.present("devices", devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("devices: 0 devices, need at least 1");
    }
    devices = List.copyOf(devices);
    Set<String> ids = new HashSet<>();
    for (DeviceDemand d : devices) {
      if (!ids.add(d.deviceId())) {
        throw new IllegalArgumentException("devices: duplicate deviceId '" + d.deviceId() + "'");
      }
    }
  }

  /**
   * Problem with {@code U = unitsFor(bandwidthHz, unitBandwidthHz)} units.
   *
   * @param bandwidthHz total uplink bandwidth B, Hz, finite, ≥ unitBandwidthHz
   * @param unitBandwidthHz B_min, Hz, finite, &gt; 0
   */
  public static SchedulingProblem ofBandwidth(
      double bandwidthHz, double unitBandwidthHz, List<DeviceDemand> devices) {
    return new SchedulingProblem(unitBandwidthHz, unitsFor(bandwidthHz, unitBandwidthHz), devices);
  }

  /**
   * Number of whole units {@code U = ⌊B/B_min⌋}. A quotient within 1e-9 (relative) of an integer
   * counts as that integer, so e.g. 0.3 Hz / 0.1 Hz gives 3 despite binary rounding.
   *
   * @param bandwidthHz B, Hz, finite, &gt; 0 and ≥ unitBandwidthHz
   * @param unitBandwidthHz B_min, Hz, finite, &gt; 0
   * @return U ≥ 1
   * @throws IllegalArgumentException if a value is invalid, B_min &gt; B, or U exceeds {@code
   *     Integer.MAX_VALUE}
   */
  public static int unitsFor(double bandwidthHz, double unitBandwidthHz) {
    Check.positive("bandwidthHz", bandwidthHz);
    Check.positive("unitBandwidthHz", unitBandwidthHz);
    double q = bandwidthHz / unitBandwidthHz;
    double nearest = Math.rint(q);
    double units = Math.abs(q - nearest) <= QUOTIENT_TOLERANCE * nearest ? nearest : Math.floor(q);
    if (units < 1) {
      throw new IllegalArgumentException(
          "unitBandwidthHz: " + unitBandwidthHz + " exceeds bandwidthHz " + bandwidthHz);
    }
    if (units > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "bandwidthHz: " + bandwidthHz + " / unitBandwidthHz " + unitBandwidthHz
              + " gives more than " + Integer.MAX_VALUE + " units");
    }
    return (int) units;
  }
}
