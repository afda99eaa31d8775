package io.isacemu.core.units;

/**
 * Explicit unit conversions. Every power, gain and ratio in the platform crosses between
 * logarithmic and linear scale only through these functions.
 *
 * <ul>
 *   <li>{@code x[dB] = 10 log10(x)} for power ratios;
 *   <li>{@code P[dBm] = 10 log10(P[W] / 1 mW)};
 *   <li>thermal noise density {@code −174 dBm/Hz} at 290 K.
 * </ul>
 */
public final class Units {

  /** Speed of light in vacuum, m/s. */
  public static final double SPEED_OF_LIGHT_M_PER_S = 299_792_458.0;

  /** Thermal noise power spectral density at 290 K, dBm/Hz. */
  public static final double THERMAL_NOISE_DBM_PER_HZ = -174.0;

  private Units() {}

  /** Power ratio dB → linear: {@code 10^(dB/10)}. */
  public static double dbToLinear(double db) {
    return Math.pow(10.0, db / 10.0);
  }

  /** Power ratio linear → dB: {@code 10 log10(x)}; {@code x > 0}. */
  public static double linearToDb(double linear) {
    if (!(linear > 0) || Double.isInfinite(linear)) {
      throw new IllegalArgumentException("linear: " + linear + " must be a finite value > 0 to convert to dB");
    }
    return 10.0 * Math.log10(linear);
  }

  /** Power dBm → W: {@code 10^((dBm − 30)/10)}. */
  public static double dbmToWatts(double dbm) {
    return Math.pow(10.0, (dbm - 30.0) / 10.0);
  }

  /** Power W → dBm: {@code 10 log10(W) + 30}; {@code W > 0}. */
  public static double wattsToDbm(double watts) {
    if (!(watts > 0) || Double.isInfinite(watts)) {
      throw new IllegalArgumentException("watts: " + watts + " must be a finite value > 0 to convert to dBm");
    }
    return 10.0 * Math.log10(watts) + 30.0;
  }

  /** Frequency Hz → GHz. */
  public static double hzToGhz(double hz) {
    return hz / 1e9;
  }
}
