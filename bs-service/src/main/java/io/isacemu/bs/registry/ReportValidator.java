package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import io.isacemu.proto.StateReport;
import java.util.Optional;

/**
 * Checks a StateReport against device.proto's ranges and isac.bs.plausibility: the reason it is
 * not a plausible report of the device, naming the field and the value. Pure; never throws for bad
 * input.
 */
final class ReportValidator {

  private ReportValidator() {}

  /** Why {@code r} is not a plausible report of device {@code v}, or empty. */
  static Optional<String> invalid(StateReport r, DeviceView v, BsProperties.Plausibility p) {
    if (r.getSequenceNumber() == 0) {
      return Optional.of("sequence_number: 0 must be >= 1");
    }
    if (!r.hasChannelGainDb() && !r.hasSnrDb()) {
      return Optional.of("channel_gain_db/snr_db: neither is set");
    }
    if (r.hasChannelGainDb() && !(r.getChannelGainDb() >= p.minChannelGainDb() && r.getChannelGainDb() <= p.maxChannelGainDb())) {
      return Optional.of("channel_gain_db: " + r.getChannelGainDb() + " must be in [" + p.minChannelGainDb() + ", "
          + p.maxChannelGainDb() + "]");
    }
    if (r.hasSnrDb() && !(r.getSnrDb() >= p.minSnrDb() && r.getSnrDb() <= p.maxSnrDb())) {
      return Optional.of("snr_db: " + r.getSnrDb() + " must be in [" + p.minSnrDb() + ", " + p.maxSnrDb() + "]");
    }
    if (!Double.isFinite(r.getTxPowerDbm()) || r.getTxPowerDbm() < -50 || r.getTxPowerDbm() > 50) {
      return Optional.of("tx_power_dbm: " + r.getTxPowerDbm() + " must be finite and in [-50, 50]");
    }
    if (!(r.getCpuLoad() >= 0 && r.getCpuLoad() <= 1)) {
      return Optional.of("cpu_load: " + r.getCpuLoad() + " must be in [0, 1]");
    }
    if (!(r.getEnergyUsedJ() >= 0) || !Double.isFinite(r.getEnergyUsedJ())) {
      return Optional.of("energy_used_j: " + r.getEnergyUsedJ() + " must be finite and >= 0");
    }
    if (r.getEnergyUsedJ() < v.energyUsedJ()) { // energy used since registration never decreases
      return Optional.of("energy_used_j: " + r.getEnergyUsedJ() + " is below the last report's " + v.energyUsedJ());
    }
    if (!(r.getSpeedMps() >= 0) || !Double.isFinite(r.getSpeedMps())) {
      return Optional.of("speed_mps: " + r.getSpeedMps() + " must be finite and >= 0");
    }
    double distanceM = Math.hypot(r.getPosition().getXM(), r.getPosition().getYM());
    if (!(distanceM <= p.cellRadiusM() + p.positionMarginM())) {
      return Optional.of("position: (" + r.getPosition().getXM() + ", " + r.getPosition().getYM() + ") is "
          + distanceM + " m from the BS, beyond the cell radius " + p.cellRadiusM() + " m + " + p.positionMarginM()
          + " m");
    }
    return Optional.empty();
  }
}
