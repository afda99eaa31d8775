package io.isacemu.core.uplink;

import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;

/**
 * Receiver noise power {@code σ²} over a bandwidth.
 *
 * <pre>
 *   σ²[dBm] = −174 dBm/Hz + 10 log10(B_k [Hz]) + NF[dB]
 * </pre>
 *
 * <p>−174 dBm/Hz is kTB at 290 K per hertz; the noise figure NF of the BS receiver is 9 dB in the
 * reference setup (a conservative small-cell value).
 *
 * @param densityDbmPerHz thermal noise density, dBm/Hz, in [−200, −100] (−174 at 290 K)
 * @param noiseFigureDb receiver noise figure, dB, in [0, 30]
 */
public record ThermalNoise(double densityDbmPerHz, double noiseFigureDb) {

  public ThermalNoise {
    Check.inRange("densityDbmPerHz", densityDbmPerHz, -200, -100);
    Check.inRange("noiseFigureDb", noiseFigureDb, 0, 30);
  }

  /** −174 dBm/Hz with the given noise figure. */
  public static ThermalNoise withNoiseFigure(double noiseFigureDb) {
    return new ThermalNoise(Units.THERMAL_NOISE_DBM_PER_HZ, noiseFigureDb);
  }

  /** The reference: −174 dBm/Hz and a 9 dB noise figure. */
  public static ThermalNoise reference() {
    return withNoiseFigure(9.0);
  }

  /** {@code σ²} over {@code bandwidthHz}, dBm; bandwidth > 0. */
  public double noisePowerDbm(double bandwidthHz) {
    Check.positive("bandwidthHz", bandwidthHz);
    return densityDbmPerHz + 10.0 * Math.log10(bandwidthHz) + noiseFigureDb;
  }

  /** {@code σ²} over {@code bandwidthHz}, W; bandwidth > 0. */
  public double noisePowerWatts(double bandwidthHz) {
    return Units.dbmToWatts(noisePowerDbm(bandwidthHz));
  }
}
