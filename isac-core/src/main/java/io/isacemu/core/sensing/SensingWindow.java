package io.isacemu.core.sensing;

import io.isacemu.core.validation.Check;

/**
 * Sensing of one device in one frame — eqs. (1)–(2).
 *
 * <pre>
 *   (1)  n_k = m_k · T^s_k                 sensed data, bits
 *   (2)  0 ≤ T^s_k ≤ a_k · T               a device senses only when selected (a_k ∈ {0,1})
 * </pre>
 *
 * @param sensingRateBps {@code m_k}, bit/s, ≥ 0 (video ~2–9 Mbit/s, audio 64–160 kbit/s, text ~bits/s)
 * @param selected {@code a_k}: whether the device is selected in this frame
 * @param sensingTimeSeconds {@code T^s_k}, s, in {@code [0, a_k·T]}
 * @param frameSeconds {@code T}, the frame (task) duration, s, > 0
 */
public record SensingWindow(
    double sensingRateBps, boolean selected, double sensingTimeSeconds, double frameSeconds) {

  public SensingWindow {
    Check.nonNegative("sensingRateBps", sensingRateBps);
    Check.nonNegative("sensingTimeSeconds", sensingTimeSeconds);
    Check.positive("frameSeconds", frameSeconds);
    double limit = selected ? frameSeconds : 0.0;
    if (sensingTimeSeconds > limit) {
      throw new IllegalArgumentException(
          "sensingTimeSeconds: " + sensingTimeSeconds + " exceeds a_k*T = " + limit
              + " (eq. 2; selected=" + selected + ", frameSeconds=" + frameSeconds + ")");
    }
  }

  /** A selected device sensing for {@code sensingTimeSeconds} within a frame of the same length. */
  public static SensingWindow selected(double sensingRateBps, double sensingTimeSeconds) {
    return new SensingWindow(sensingRateBps, true, sensingTimeSeconds, Math.max(sensingTimeSeconds, Double.MIN_NORMAL));
  }

  /** An unselected device: {@code a_k = 0}, so {@code T^s_k = 0} and no data. */
  public static SensingWindow idle(double sensingRateBps, double frameSeconds) {
    return new SensingWindow(sensingRateBps, false, 0.0, frameSeconds);
  }

  /** Eq. (1): sensed data {@code n_k = m_k T^s_k}, bits. */
  public double dataBits() {
    return sensingRateBps * sensingTimeSeconds;
  }
}
