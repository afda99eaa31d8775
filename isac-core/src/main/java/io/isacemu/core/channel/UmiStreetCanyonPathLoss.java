package io.isacemu.core.channel;

import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;

/**
 * 3GPP TR 38.901 (V17) urban-micro street-canyon (UMi) path loss, Table 7.4.1-1, and LOS
 * probability, Table 7.4.2-1.
 *
 * <p>With {@code d3D = √(d2D² + (hBS − hUT)²)}, {@code fc} in GHz and the breakpoint distance
 * {@code d'BP = 4 h'BS h'UT fc[Hz] / c}, {@code h' = h − 1 m} (effective environment height 1 m):
 *
 * <ul>
 *   <li>LOS, {@code 10 m ≤ d2D ≤ d'BP}: {@code PL1 = 32.4 + 21 log10(d3D) + 20 log10(fc)};
 *   <li>LOS, {@code d'BP ≤ d2D ≤ 5 km}: {@code PL2 = 32.4 + 40 log10(d3D) + 20 log10(fc) − 9.5
 *       log10(d'BP² + (hBS − hUT)²)};
 *   <li>NLOS: {@code PL' = 35.3 log10(d3D) + 22.4 + 21.3 log10(fc) − 0.3 (hUT − 1.5)}, {@code
 *       PL_NLOS = max(PL_LOS, PL')};
 *   <li>shadow fading standard deviation 4 dB (LOS), 7.82 dB (NLOS);
 *   <li>{@code P_LOS = 1} for {@code d2D ≤ 18 m}, else {@code 18/d2D + exp(−d2D/36)(1 − 18/d2D)}.
 * </ul>
 *
 * <p>Validity range handling: the table is defined for {@code 10 m ≤ d2D ≤ 5 km}. Below 10 m the
 * 2D distance is <b>clamped to 10 m</b> (a device under the mast sees the 10 m loss; both {@code
 * d2D} and the {@code d3D} derived from it use the clamped value). Above 5 km the model is
 * <b>rejected</b> with an {@link IllegalArgumentException}: extrapolating would silently produce
 * numbers the standard does not support. The carrier must lie in the standard's 0.5–100 GHz range
 * and the UT height in the UMi range 1.5–22.5 m; the BS height must exceed the 1 m effective
 * environment height (the table's UMi value is 10 m).
 *
 * @param carrierFrequencyHz carrier frequency fc, Hz, in {@code [0.5e9, 100e9]}
 * @param bsHeightM base-station antenna height hBS, m, {@code > 1}
 * @param ueHeightM user-terminal antenna height hUT, m, in {@code [1.5, 22.5]}
 */
public record UmiStreetCanyonPathLoss(double carrierFrequencyHz, double bsHeightM, double ueHeightM) {

  /** Lower edge of the table's 2D-distance range, m; shorter distances are clamped to it. */
  public static final double MIN_DISTANCE_2D_M = 10.0;

  /** Upper edge of the table's 2D-distance range, m; longer distances are rejected. */
  public static final double MAX_DISTANCE_2D_M = 5_000.0;

  /** Shadow-fading standard deviation in LOS, dB (Table 7.4.1-1, UMi). */
  public static final double SHADOWING_STD_LOS_DB = 4.0;

  /** Shadow-fading standard deviation in NLOS, dB (Table 7.4.1-1, UMi). */
  public static final double SHADOWING_STD_NLOS_DB = 7.82;

  /** Effective environment height h_E, m (Table 7.4.1-1 note 1, UMi). */
  static final double ENVIRONMENT_HEIGHT_M = 1.0;

  public UmiStreetCanyonPathLoss {
    Check.positive("carrierFrequencyHz", carrierFrequencyHz);
    Check.inRange("carrierFrequencyHz", carrierFrequencyHz, 0.5e9, 100e9);
    Check.finite("bsHeightM", bsHeightM);
    if (!(bsHeightM > ENVIRONMENT_HEIGHT_M)) {
      throw new IllegalArgumentException(
          "bsHeightM: " + bsHeightM + " must exceed the 1 m effective environment height");
    }
    Check.inRange("ueHeightM", ueHeightM, 1.5, 22.5);
  }

  /** 3.5 GHz carrier, 10 m BS, 1.5 m UT (the UMi values of Table 7.4.1-1). */
  public static UmiStreetCanyonPathLoss reference() {
    return new UmiStreetCanyonPathLoss(3.5e9, 10.0, 1.5);
  }

  /** Breakpoint distance {@code d'BP = 4 (hBS − 1)(hUT − 1) fc / c}, m. */
  public double breakpointDistanceM() {
    return 4.0
        * (bsHeightM - ENVIRONMENT_HEIGHT_M)
        * (ueHeightM - ENVIRONMENT_HEIGHT_M)
        * carrierFrequencyHz
        / Units.SPEED_OF_LIGHT_M_PER_S;
  }

  /**
   * Geometric 3D distance {@code √(d2D² + (hBS − hUT)²)}, m (no clamping).
   *
   * @param distance2dM horizontal distance, m, finite and {@code ≥ 0}
   */
  public double distance3dM(double distance2dM) {
    Check.nonNegative("distance2dM", distance2dM);
    return Math.hypot(distance2dM, bsHeightM - ueHeightM);
  }

  /**
   * LOS path loss PL_UMi-LOS, dB.
   *
   * @param distance2dM horizontal distance, m, in {@code [0, 5000]}; below 10 m clamped to 10 m
   * @throws IllegalArgumentException if negative, NaN or above 5000 m
   */
  public double losPathLossDb(double distance2dM) {
    double d2d = clampedDistance2dM(distance2dM);
    double d3d = Math.hypot(d2d, bsHeightM - ueHeightM);
    double fcGhz = Units.hzToGhz(carrierFrequencyHz);
    double breakpointM = breakpointDistanceM();
    if (d2d <= breakpointM) {
      return 32.4 + 21.0 * Math.log10(d3d) + 20.0 * Math.log10(fcGhz);
    }
    double dh = bsHeightM - ueHeightM;
    return 32.4
        + 40.0 * Math.log10(d3d)
        + 20.0 * Math.log10(fcGhz)
        - 9.5 * Math.log10(breakpointM * breakpointM + dh * dh);
  }

  /**
   * NLOS path loss {@code max(PL_LOS, PL')}, dB.
   *
   * @param distance2dM horizontal distance, m, in {@code [0, 5000]}; below 10 m clamped to 10 m
   * @throws IllegalArgumentException if negative, NaN or above 5000 m
   */
  public double nlosPathLossDb(double distance2dM) {
    double d2d = clampedDistance2dM(distance2dM);
    double d3d = Math.hypot(d2d, bsHeightM - ueHeightM);
    double fcGhz = Units.hzToGhz(carrierFrequencyHz);
    double nlosPrimeDb =
        35.3 * Math.log10(d3d) + 22.4 + 21.3 * Math.log10(fcGhz) - 0.3 * (ueHeightM - 1.5);
    return Math.max(losPathLossDb(d2d), nlosPrimeDb);
  }

  /** {@link #losPathLossDb} if {@code los}, else {@link #nlosPathLossDb}, dB. */
  public double pathLossDb(double distance2dM, boolean los) {
    return los ? losPathLossDb(distance2dM) : nlosPathLossDb(distance2dM);
  }

  /** Shadow-fading standard deviation, dB: 4 (LOS) or 7.82 (NLOS). */
  public double shadowingStdDb(boolean los) {
    return los ? SHADOWING_STD_LOS_DB : SHADOWING_STD_NLOS_DB;
  }

  /**
   * UMi LOS probability (Table 7.4.2-1): 1 for {@code d2D ≤ 18 m}, else {@code 18/d2D +
   * exp(−d2D/36)(1 − 18/d2D)}. Defined for any non-negative distance.
   *
   * @param distance2dM horizontal distance, m, finite and {@code ≥ 0}
   * @return probability in {@code (0, 1]}
   */
  public static double losProbability(double distance2dM) {
    Check.nonNegative("distance2dM", distance2dM);
    if (distance2dM <= 18.0) {
      return 1.0;
    }
    double ratio = 18.0 / distance2dM;
    return ratio + Math.exp(-distance2dM / 36.0) * (1.0 - ratio);
  }

  private static double clampedDistance2dM(double distance2dM) {
    Check.nonNegative("distance2dM", distance2dM);
    if (distance2dM > MAX_DISTANCE_2D_M) {
      throw new IllegalArgumentException(
          "distance2dM: " + distance2dM + " exceeds the 5000 m validity limit of TR 38.901 Table 7.4.1-1");
    }
    return Math.max(distance2dM, MIN_DISTANCE_2D_M);
  }
}
