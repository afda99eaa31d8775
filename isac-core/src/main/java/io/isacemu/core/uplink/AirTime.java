package io.isacemu.core.uplink;

import io.isacemu.core.validation.Check;

/**
 * Data sent over the air in a communication time — eq. (6).
 *
 * <pre>
 *   (6)  A_k = T^comm_k · R_k,   so uploading n_k bits takes  T^comm_k = n_k / R_k
 * </pre>
 *
 * <p>With binary offloading, {@code n_k} is either the raw sensed data (offload) or the device's
 * encoded result (local processing).
 */
public final class AirTime {

  private AirTime() {}

  /** Eq. (6): {@code A_k = T^comm_k R_k}, bits; both arguments ≥ 0. */
  public static double sentBits(double commSeconds, double rateBps) {
    Check.nonNegative("commSeconds", commSeconds);
    Check.nonNegative("rateBps", rateBps);
    return commSeconds * rateBps;
  }

  /**
   * Eq. (6) solved for time: {@code T^comm_k = n_k / R_k}, s. Zero bits take zero time; positive
   * bits over a zero rate are rejected (the device has no bandwidth, {@code a_k = 0}).
   */
  public static double commSeconds(double dataBits, double rateBps) {
    Check.nonNegative("dataBits", dataBits);
    Check.nonNegative("rateBps", rateBps);
    if (dataBits == 0) {
      return 0.0;
    }
    if (rateBps == 0) {
      throw new IllegalArgumentException(
          "rateBps: 0 cannot carry dataBits " + dataBits + " (device has no bandwidth, a_k = 0)");
    }
    return dataBits / rateBps;
  }

  /** Transmit energy {@code E = P_k T^comm_k}, J; {@code txPowerWatts ≥ 0}, {@code commSeconds ≥ 0}. */
  public static double transmitEnergyJ(double txPowerWatts, double commSeconds) {
    Check.nonNegative("txPowerWatts", txPowerWatts);
    Check.nonNegative("commSeconds", commSeconds);
    return txPowerWatts * commSeconds;
  }
}
