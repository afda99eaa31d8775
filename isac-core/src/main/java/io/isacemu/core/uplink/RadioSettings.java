package io.isacemu.core.uplink;

import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.validation.Check;
import java.util.Optional;

/**
 * The radio settings a BS schedules with and a device's reports and accounting assume: the band
 * {@code B} split into units {@code B_min}, the receiver noise figure and the BS's antennas {@code
 * M} (MRC array gain of eq. (5)). One record for both sides, so that they cannot drift apart; the
 * BS refuses a device that assumes other values ({@link #disagreement}).
 *
 * @param totalBandwidthHz {@code B}, Hz, &gt; 0, a multiple of {@code B_min} (reference 20 MHz)
 * @param unitBandwidthHz {@code B_min}, Hz, &gt; 0 (reference 180 kHz, one LTE resource block)
 * @param noiseFigureDb receiver noise figure, dB, in [0, 30] (noise −174 dBm/Hz + NF; reference 9)
 * @param bsAntennas {@code M}, BS receive antennas, in [1, 1024] (reference 4)
 */
public record RadioSettings(double totalBandwidthHz, double unitBandwidthHz, double noiseFigureDb, int bsAntennas) {

  /** The reference settings: 20 MHz in 180 kHz units, 9 dB noise figure, 4 BS antennas. */
  public static final RadioSettings DEFAULTS = new RadioSettings(20e6, 180e3, 9, 4);

  public RadioSettings {
    Check.positive("totalBandwidthHz", totalBandwidthHz);
    Check.positive("unitBandwidthHz", unitBandwidthHz);
    Check.inRange("noiseFigureDb", noiseFigureDb, 0, 30);
    Check.inRange("bsAntennas", bsAntennas, 1, 1024);
  }

  /** The band. */
  public Spectrum spectrum() {
    return new Spectrum(totalBandwidthHz, unitBandwidthHz);
  }

  /** −174 dBm/Hz plus the noise figure. */
  public ThermalNoise noise() {
    return ThermalNoise.withNoiseFigure(noiseFigureDb);
  }

  /** The uplink model of eq. (5) on these settings. */
  public UplinkModel uplink() {
    return new UplinkModel(spectrum(), noise(), bsAntennas);
  }

  /**
   * Why a device assuming {@code device} would compute other rates, SNRs or energies than a BS on
   * these settings: the first of {@code B_min}, noise figure and {@code M} that differs, named as in
   * device.proto. {@code B} is not compared: a device never uses it.
   */
  public Optional<String> disagreement(RadioSettings device) {
    if (device.unitBandwidthHz != unitBandwidthHz) {
      return Optional.of(mismatch("unit_bandwidth_hz", device.unitBandwidthHz, unitBandwidthHz));
    }
    if (device.noiseFigureDb != noiseFigureDb) {
      return Optional.of(mismatch("noise_figure_db", device.noiseFigureDb, noiseFigureDb));
    }
    if (device.bsAntennas != bsAntennas) {
      return Optional.of(mismatch("bs_antennas", device.bsAntennas, bsAntennas));
    }
    return Optional.empty();
  }

  private static String mismatch(String field, Object device, Object bs) {
    return "radio." + field + ": the device assumes " + device + " but the BS has " + bs;
  }
}
