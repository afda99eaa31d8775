package io.isacemu.core.channel;

import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;

/**
 * Configuration of a {@link DeviceChannel}: TR 38.901 UMi street canyon path loss, shadowing,
 * fading and LOS-state parameters.
 *
 * @param carrierFrequencyHz carrier frequency, Hz, in {@code [0.5e9, 100e9]} (TR 38.901 range)
 * @param bsHeightM base-station antenna height, m, {@code > 1}
 * @param ueHeightM device antenna height, m, in {@code [1.5, 22.5]} (UMi range)
 * @param ricianKFactorDb Rician K-factor in LOS, dB, finite (TR 38.901 Table 7.5-6 UMi mean: 9 dB)
 * @param shadowingEnabled whether log-normal shadowing is applied (off: 0 dB)
 * @param fadingEnabled whether small-scale fading is applied (off: power 1)
 * @param shadowingDecorrelationLosM Gudmundson decorrelation distance in LOS, m, {@code > 0}
 *     (Table 7.5-6 UMi: 10 m)
 * @param shadowingDecorrelationNlosM Gudmundson decorrelation distance in NLOS, m, {@code > 0}
 *     (Table 7.5-6 UMi: 13 m)
 * @param losCorrelationDistanceM the LOS/NLOS state is re-drawn once the device is farther than
 *     this from where it was last drawn, m, {@code ≥ 0} (TR 38.901 Table 7.6.3.1-2, UMi: 50 m)
 */
public record ChannelConfig(
    double carrierFrequencyHz,
    double bsHeightM,
    double ueHeightM,
    double ricianKFactorDb,
    boolean shadowingEnabled,
    boolean fadingEnabled,
    double shadowingDecorrelationLosM,
    double shadowingDecorrelationNlosM,
    double losCorrelationDistanceM) {

  public ChannelConfig {
    // Frequency and heights are validated by the path-loss model itself.
    new UmiStreetCanyonPathLoss(carrierFrequencyHz, bsHeightM, ueHeightM);
    Check.finite("ricianKFactorDb", ricianKFactorDb);
    Check.positive("shadowingDecorrelationLosM", shadowingDecorrelationLosM);
    Check.positive("shadowingDecorrelationNlosM", shadowingDecorrelationNlosM);
    Check.nonNegative("losCorrelationDistanceM", losCorrelationDistanceM);
  }

  /**
   * Reference values: 3.5 GHz, hBS 10 m, hUT 1.5 m, K 9 dB, shadowing and fading on, decorrelation
   * 10 m (LOS) / 13 m (NLOS), LOS state correlation distance 50 m.
   */
  public static ChannelConfig reference() {
    return new ChannelConfig(3.5e9, 10.0, 1.5, 9.0, true, true, 10.0, 13.0, 50.0);
  }

  /** This configuration with shadowing switched on or off. */
  public ChannelConfig withShadowing(boolean enabled) {
    return new ChannelConfig(
        carrierFrequencyHz, bsHeightM, ueHeightM, ricianKFactorDb, enabled, fadingEnabled,
        shadowingDecorrelationLosM, shadowingDecorrelationNlosM, losCorrelationDistanceM);
  }

  /** This configuration with small-scale fading switched on or off. */
  public ChannelConfig withFading(boolean enabled) {
    return new ChannelConfig(
        carrierFrequencyHz, bsHeightM, ueHeightM, ricianKFactorDb, shadowingEnabled, enabled,
        shadowingDecorrelationLosM, shadowingDecorrelationNlosM, losCorrelationDistanceM);
  }

  /** The path-loss model for these frequency and heights. */
  public UmiStreetCanyonPathLoss pathLoss() {
    return new UmiStreetCanyonPathLoss(carrierFrequencyHz, bsHeightM, ueHeightM);
  }

  /** Carrier wavelength {@code c / fc}, m. */
  public double wavelengthM() {
    return Units.SPEED_OF_LIGHT_M_PER_S / carrierFrequencyHz;
  }

  /** Rician K-factor, linear. */
  public double ricianKFactorLinear() {
    return Units.dbToLinear(ricianKFactorDb);
  }
}
