package io.isacemu.core.cost;

import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;

/**
 * What the cost model needs to know about one device at one moment.
 *
 * @param deviceId unique id, non-blank
 * @param modality the modality it senses
 * @param sensingRateBps {@code m_k}, bit/s, ≥ 0 (raw sensed stream, e.g. H.264 video 2–9 Mbit/s)
 * @param txPowerDbm {@code P_k}, dBm, in [−50, 50]; reference 23 dBm (NR power class 3)
 * @param channelGainLinear {@code h_k}, linear power gain, in (0, 1]
 * @param processor the device's CPU
 * @param sensingPowerW power drawn while sensing, W, ≥ 0 (camera/microphone front end)
 */
public record DeviceProfile(
    String deviceId,
    Modality modality,
    double sensingRateBps,
    double txPowerDbm,
    double channelGainLinear,
    DeviceProcessor processor,
    double sensingPowerW) {

  public DeviceProfile {
    if (deviceId == null || deviceId.isBlank()) {
      throw new IllegalArgumentException("deviceId: '" + deviceId + "' must be non-blank");
    }
    Check.present("modality", modality);
    Check.nonNegative("sensingRateBps", sensingRateBps);
    Check.inRange("txPowerDbm", txPowerDbm, -50, 50);
    if (!(channelGainLinear > 0 && channelGainLinear <= 1)) {
      throw new IllegalArgumentException(
          "channelGainLinear: " + channelGainLinear + " is outside the valid range (0, 1]");
    }
    Check.present("processor", processor);
    Check.nonNegative("sensingPowerW", sensingPowerW);
  }
}
