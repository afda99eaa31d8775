package io.isacemu.results.samples;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;

/**
 * One device's share of a sample.
 *
 * @param deviceId the device id, non-blank
 * @param units bandwidth units {@code b_k} allocated to the device (multiples of the unit bandwidth
 *     {@code B_min}), {@code ≥ 0}
 * @param path local or offload processing
 * @param snrDb the uplink SNR in dB (finite; may be negative)
 */
public record DeviceUse(String deviceId, int units, ProcessingPath path, double snrDb) {

  public DeviceUse {
    Check.present("deviceId", deviceId);
    if (deviceId.isBlank()) {
      throw InvalidFieldException.rejected("deviceId", deviceId, "must not be blank");
    }
    Check.nonNegative("units", units);
    Check.present("path", path);
    Check.finite("snrDb", snrDb);
  }
}
