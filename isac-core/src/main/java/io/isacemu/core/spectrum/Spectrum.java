package io.isacemu.core.spectrum;

import io.isacemu.core.validation.Check;

/**
 * The uplink OFDMA band, divided into integer units — the budget of eqs. (3)–(4).
 *
 * <p>{@code U = ⌊B / B_min⌋} units of {@code B_min} Hz each. Reference: B = 20 MHz, B_min = 180 kHz
 * (one LTE resource block of 12 × 15 kHz subcarriers), so U = 111.
 *
 * @param totalBandwidthHz {@code B}, Hz, > 0
 * @param unitBandwidthHz {@code B_min}, Hz, in {@code (0, B]}
 */
public record Spectrum(double totalBandwidthHz, double unitBandwidthHz) {

  public Spectrum {
    Check.positive("totalBandwidthHz", totalBandwidthHz);
    Check.positive("unitBandwidthHz", unitBandwidthHz);
    if (unitBandwidthHz > totalBandwidthHz) {
      throw new IllegalArgumentException(
          "unitBandwidthHz: " + unitBandwidthHz + " exceeds totalBandwidthHz " + totalBandwidthHz + " (B_min > B)");
    }
    if (totalBandwidthHz / unitBandwidthHz > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "unitBandwidthHz: " + unitBandwidthHz + " gives more than " + Integer.MAX_VALUE + " units");
    }
  }

  /** The reference band: 20 MHz in 180 kHz resource blocks. */
  public static Spectrum reference() {
    return new Spectrum(20e6, 180e3);
  }

  /** {@code U = ⌊B / B_min⌋}, ≥ 1. A tiny epsilon absorbs binary rounding (e.g. 0.6/0.2). */
  public int totalUnits() {
    return (int) Math.floor(totalBandwidthHz / unitBandwidthHz * (1 + 1e-12));
  }

  /** Eq. (3): bandwidth of {@code units} units, {@code B_k = b_k B_min}, Hz. */
  public double bandwidthHz(int units) {
    Check.nonNegative("units", units);
    return units * unitBandwidthHz;
  }
}
