package io.isacemu.results.samples;

import io.isacemu.core.validation.Check;

/**
 * What one sample cost. Modelled times are emulated seconds of the platform's latency model; the
 * wall time is measured.
 *
 * @param sensingSeconds modelled sensing time {@code T^s}, s, {@code ≥ 0}
 * @param commSeconds modelled uplink (communication) time, s, {@code ≥ 0}
 * @param computeSeconds modelled compute time (device or MEC), s, {@code ≥ 0}
 * @param totalSeconds modelled end-to-end latency, s, {@code ≥ 0}
 * @param wallSeconds measured wall-clock time of the sample, s, {@code ≥ 0}
 * @param energyJoules modelled energy of the devices (transmit + compute), J, {@code ≥ 0}
 * @param bits bits uplinked, {@code ≥ 0}
 * @param flops floating-point operations of inference, FLOP, {@code ≥ 0}
 */
public record SampleCost(
    double sensingSeconds,
    double commSeconds,
    double computeSeconds,
    double totalSeconds,
    double wallSeconds,
    double energyJoules,
    long bits,
    double flops) {

  /** Nothing spent (e.g. a sample that failed before any work). */
  public static final SampleCost NONE = new SampleCost(0, 0, 0, 0, 0, 0, 0, 0);

  public SampleCost {
    Check.nonNegative("sensingSeconds", sensingSeconds);
    Check.nonNegative("commSeconds", commSeconds);
    Check.nonNegative("computeSeconds", computeSeconds);
    Check.nonNegative("totalSeconds", totalSeconds);
    Check.nonNegative("wallSeconds", wallSeconds);
    Check.nonNegative("energyJoules", energyJoules);
    Check.nonNegative("bits", bits);
    Check.nonNegative("flops", flops);
  }
}
