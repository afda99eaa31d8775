package io.isacemu.bs.registry;

import io.isacemu.core.modality.Modality;
import java.time.Instant;
import java.util.Optional;

/**
 * What the BS knows of one device: its registration and its latest valid StateReport.
 *
 * @param deviceId device id
 * @param sessionId current (or last) session id
 * @param modality the modality it senses
 * @param status LIVE or LOST
 * @param sensingRateBps m_k, bit/s, &gt; 0
 * @param txPowerDbm latest transmit power P_k, dBm
 * @param cpuHz CPU clock f_k, Hz, &gt; 0
 * @param flopsPerCycle FLOPs per cycle of the device's CPU, in (0, 1024] ({@link
 *     #DEFAULT_FLOPS_PER_CYCLE} when the device did not advertise it)
 * @param featureDim d, features per step
 * @param sequenceLength T_m, steps per sample of this device's modality
 * @param attachedAt when the current session registered
 * @param lastSeenAt last message of any kind
 * @param channelGainDb latest channel gain h_k, dB (negative), if reported
 * @param snrDb latest one-unit SNR, dB, if reported
 * @param xM east position, m
 * @param yM north position, m
 * @param energyUsedJ energy used since registration, J, ≥ 0
 * @param reportLagMs latest report's lag (receive time − measured_at), wall ms; empty before the
 *     first report
 * @param lastSequenceNumber latest accepted report's sequence number (0 = none yet)
 * @param invalidReports reports rejected as invalid in this session
 */
public record DeviceView(
    String deviceId,
    String sessionId,
    Modality modality,
    DeviceStatus status,
    double sensingRateBps,
    double txPowerDbm,
    double cpuHz,
    double flopsPerCycle,
    int featureDim,
    int sequenceLength,
    Instant attachedAt,
    Instant lastSeenAt,
    Optional<Double> channelGainDb,
    Optional<Double> snrDb,
    double xM,
    double yM,
    double energyUsedJ,
    Optional<Long> reportLagMs,
    long lastSequenceNumber,
    long invalidReports) {

  /** FLOPs per cycle assumed for a device that does not advertise it (256-bit SIMD fp32 FMA). */
  public static final double DEFAULT_FLOPS_PER_CYCLE = 8;

  DeviceView withStatus(DeviceStatus s) {
    return new DeviceView(deviceId, sessionId, modality, s, sensingRateBps, txPowerDbm, cpuHz, flopsPerCycle, featureDim,
        sequenceLength, attachedAt, lastSeenAt, channelGainDb, snrDb, xM, yM, energyUsedJ, reportLagMs,
        lastSequenceNumber, invalidReports);
  }

  DeviceView seenAt(Instant t) {
    return new DeviceView(deviceId, sessionId, modality, status, sensingRateBps, txPowerDbm, cpuHz, flopsPerCycle, featureDim,
        sequenceLength, attachedAt, t, channelGainDb, snrDb, xM, yM, energyUsedJ, reportLagMs,
        lastSequenceNumber, invalidReports);
  }

  DeviceView withInvalidReport(Instant t) {
    return new DeviceView(deviceId, sessionId, modality, status, sensingRateBps, txPowerDbm, cpuHz, flopsPerCycle, featureDim,
        sequenceLength, attachedAt, t, channelGainDb, snrDb, xM, yM, energyUsedJ, reportLagMs,
        lastSequenceNumber, invalidReports + 1);
  }

  DeviceView withReport(
      Instant t, double txDbm, Optional<Double> gainDb, Optional<Double> snr, double x, double y, double energy,
      long lagMs, long seq) {
    return new DeviceView(deviceId, sessionId, modality, status, sensingRateBps, txDbm, cpuHz, flopsPerCycle, featureDim,
        sequenceLength, attachedAt, t, gainDb, snr, x, y, energy, Optional.of(lagMs), seq, invalidReports);
  }
}
