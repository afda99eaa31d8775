package io.isacemu.device.link;

import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.core.validation.Check;

/**
 * Session settings of a device link.
 *
 * @param defaultReportPeriodMs StateReport period used when the RegisterAck leaves it 0, ms, in
 *     [10, 60000]
 * @param backoff reconnect backoff
 * @param softwareVersion version sent in Register, SemVer, 1..64 characters
 * @param radio the radio settings the device's accounting assumes, sent in Register
 */
public record LinkSettings(long defaultReportPeriodMs, Backoff.Policy backoff, String softwareVersion,
    RadioSettings radio) {

  /** Shortest report period accepted from the BS, ms (device.proto). */
  public static final long MIN_REPORT_PERIOD_MS = 10;

  /** Longest report period accepted from the BS, ms (device.proto). */
  public static final long MAX_REPORT_PERIOD_MS = 60_000;

  /** With the reference radio settings ({@link RadioSettings#DEFAULTS}). */
  public LinkSettings(long defaultReportPeriodMs, Backoff.Policy backoff, String softwareVersion) {
    this(defaultReportPeriodMs, backoff, softwareVersion, RadioSettings.DEFAULTS);
  }

  public LinkSettings {
    Check.inRange("defaultReportPeriodMs", defaultReportPeriodMs, MIN_REPORT_PERIOD_MS,
        MAX_REPORT_PERIOD_MS);
    Check.present("backoff", backoff);
    Check.present("radio", radio);
    if (softwareVersion == null || softwareVersion.isEmpty() || softwareVersion.length() > 64) {
      throw new IllegalArgumentException("softwareVersion: '" + softwareVersion
          + "' must be 1..64 characters");
    }
  }
}
