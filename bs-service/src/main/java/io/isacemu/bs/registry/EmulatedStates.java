package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import io.isacemu.proto.StateReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Emulated mode: a device's answer to a StateQuery turned into the {@link DeviceView} a round
 * schedules on. The answer must be for the asked time and plausible; otherwise it is refused (an
 * exception naming the field and both values), never silently used.
 */
final class EmulatedStates {

  private EmulatedStates() {}

  static DeviceView view(String deviceId, DeviceView known, StateReport r, double askedS,
      BsProperties.Plausibility plausibility, Instant now) {
    if (known == null) {
      throw new SessionLostException("device " + deviceId + " is no longer known");
    }
    if (r.getEmulatedTimeS() != askedS) {
      throw new IllegalArgumentException("emulated_time_s: device " + deviceId + " answered the state query for "
          + askedS + " s with its state at " + r.getEmulatedTimeS() + " s (a device never steps backwards)");
    }
    Optional<String> invalid = ReportValidator.invalid(r, known, plausibility);
    if (invalid.isPresent()) {
      throw new IllegalArgumentException("device " + deviceId + ": " + invalid.get());
    }
    Instant measured = Instant.ofEpochSecond(r.getMeasuredAt().getSeconds(), r.getMeasuredAt().getNanos());
    return known.withReport(now, r.getTxPowerDbm(),
        r.hasChannelGainDb() ? Optional.of(r.getChannelGainDb()) : Optional.empty(),
        r.hasSnrDb() ? Optional.of(r.getSnrDb()) : Optional.empty(),
        r.getPosition().getXM(), r.getPosition().getYM(), r.getEnergyUsedJ(),
        Math.max(0, Duration.between(measured, now).toMillis()), r.getSequenceNumber());
  }
}
