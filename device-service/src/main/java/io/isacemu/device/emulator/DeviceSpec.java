package io.isacemu.device.emulator;

import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import java.util.regex.Pattern;

/**
 * Static description of one emulated device.
 *
 * @param deviceId stable identifier, 1..128 characters from {@code [A-Za-z0-9._-]}
 * @param modality the one modality it senses
 * @param sensingRateBps {@code m_k}, bit/s, {@code > 0} (reference: video 4e6, audio 128e3, text 100)
 * @param txPowerDbm {@code P_k}, dBm, in [−50, 50] (reference 23 dBm, NR power class 3)
 * @param processor CPU for the local encoder ({@code f_k}, FLOPs per cycle, κ)
 * @param sensingPowerW power drawn by the sensor front end while sensing, W, {@code ≥ 0}
 * @param mobility how it moves
 * @param authToken bearer token sent in Register; may be empty, never logged
 */
public record DeviceSpec(
    String deviceId,
    Modality modality,
    double sensingRateBps,
    double txPowerDbm,
    DeviceProcessor processor,
    double sensingPowerW,
    MobilitySpec mobility,
    String authToken) {

  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public DeviceSpec {
    if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
      throw new IllegalArgumentException("deviceId: '" + deviceId
          + "' must be 1..128 characters from [A-Za-z0-9._-]");
    }
    Check.present("modality", modality);
    Check.positive("sensingRateBps", sensingRateBps);
    Check.inRange("txPowerDbm", txPowerDbm, -50, 50);
    Check.present("processor", processor);
    Check.nonNegative("sensingPowerW", sensingPowerW);
    Check.present("mobility", mobility);
    Check.present("authToken", authToken);
    if (authToken.length() > 4096) {
      throw new IllegalArgumentException("authToken: " + authToken.length()
          + " characters exceeds 4096");
    }
  }

  @Override
  public String toString() {
    // The token is a secret: never in logs.
    return "DeviceSpec[" + deviceId + ", " + modality + ", " + sensingRateBps + " bit/s, "
        + txPowerDbm + " dBm, " + processor + ", " + sensingPowerW + " W, " + mobility + "]";
  }
}
