package io.isacemu.core.uplink;

import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;

/**
 * Shannon uplink rate of a device on its allocated units — eq. (5).
 *
 * <pre>
 *   (5)  R_k = b_k B_min log2(1 + M · P_k h_k / σ²(b_k B_min))
 * </pre>
 *
 * <p>{@code P_k} is the device's total transmit power (W, from dBm), {@code h_k} its linear channel
 * power gain (path loss, shadowing and fading; ≤ 1), {@code σ²} the {@link ThermalNoise} over the
 * <em>allocated</em> bandwidth, and {@code M} the array gain of maximum-ratio combining at an
 * M-antenna BS (coherent combining of M i.i.d. branches multiplies the mean SNR by M). Because the
 * noise grows with the allocated bandwidth while {@code P_k} is fixed, the rate is concave in
 * {@code b_k} and saturates at {@code M P_k h_k / (N_0 ln 2)} (the power-limited regime) — adding
 * units never lowers it.
 *
 * @param spectrum the band and its unit {@code B_min}
 * @param noise the receiver noise model
 * @param bsAntennas {@code M}, number of BS receive antennas, in [1, 1024]
 */
public record UplinkModel(Spectrum spectrum, ThermalNoise noise, int bsAntennas) {

  public UplinkModel {
    Check.present("spectrum", spectrum);
    Check.present("noise", noise);
    Check.inRange("bsAntennas", bsAntennas, 1, 1024);
  }

  /** Reference: 20 MHz / 180 kHz, −174 dBm/Hz + 9 dB, with {@code bsAntennas} antennas. */
  public static UplinkModel reference(int bsAntennas) {
    return new UplinkModel(Spectrum.reference(), ThermalNoise.reference(), bsAntennas);
  }

  /**
   * Post-combining SNR {@code M P h / σ²(b B_min)}, linear.
   *
   * @param txPowerDbm {@code P_k}, dBm, in [−50, 50]
   * @param channelGainLinear {@code h_k}, linear power gain, in (0, 1]
   * @param units {@code b_k}, ≥ 1
   */
  public double snrLinear(double txPowerDbm, double channelGainLinear, int units) {
    validateLink(txPowerDbm, channelGainLinear);
    Check.positive("units", units);
    return bsAntennas * Units.dbmToWatts(txPowerDbm) * channelGainLinear
        / noise.noisePowerWatts(spectrum.bandwidthHz(units));
  }

  /** SNR if the device were given a single unit: {@code γ_1 = M P h / σ²(B_min)}, linear. */
  public double snrPerUnitLinear(double txPowerDbm, double channelGainLinear) {
    return snrLinear(txPowerDbm, channelGainLinear, 1);
  }

  /**
   * Eq. (5): {@code R_k}, bit/s. Zero when {@code units == 0} ({@code a_k = 0}).
   *
   * @param txPowerDbm {@code P_k}, dBm, in [−50, 50]
   * @param channelGainLinear {@code h_k}, in (0, 1]
   * @param units {@code b_k}, ≥ 0
   */
  public double rateBps(double txPowerDbm, double channelGainLinear, int units) {
    Check.nonNegative("units", units);
    if (units == 0) {
      validateLink(txPowerDbm, channelGainLinear);
      return 0.0;
    }
    return rateFromSnrPerUnit(spectrum.unitBandwidthHz(), snrPerUnitLinear(txPowerDbm, channelGainLinear), units);
  }

  /**
   * Eq. (5) written with the one-unit SNR: {@code R(b) = b B_min log2(1 + γ_1 / b)}, bit/s, since
   * {@code σ²(b B_min) = b σ²(B_min)}. Shared by the scheduler so both compute identical numbers.
   *
   * @param unitBandwidthHz {@code B_min}, Hz, > 0
   * @param snrPerUnitLinear {@code γ_1}, linear, ≥ 0
   * @param units {@code b}, ≥ 0
   */
  public static double rateFromSnrPerUnit(double unitBandwidthHz, double snrPerUnitLinear, int units) {
    if (units <= 0) {
      return 0.0;
    }
    // log1p keeps precision when γ_1/b ≪ 1 (power-limited devices), so R stays monotone in b.
    return units * unitBandwidthHz * Math.log1p(snrPerUnitLinear / units) / LN2;
  }

  private static final double LN2 = Math.log(2.0);

  private static void validateLink(double txPowerDbm, double channelGainLinear) {
    Check.inRange("txPowerDbm", txPowerDbm, -50, 50);
    if (!(channelGainLinear > 0 && channelGainLinear <= 1)) {
      throw new IllegalArgumentException(
          "channelGainLinear: " + channelGainLinear + " is outside the valid range (0, 1]");
    }
  }
}
