package io.isacemu.core.scheduler;

import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.validation.Check;

/**
 * How a device's uplink rate grows with its integer units {@code b} — both non-decreasing and
 * concave in {@code b}, which is what makes the schedulers exact (latency and energy {@code ∝ 1/R(b)}
 * are then non-increasing and convex).
 */
public sealed interface UplinkRate {

  /** {@code R(b)}, bit/s, for {@code units ≥ 1} units of {@code unitBandwidthHz} Hz. */
  double rateBps(int units, double unitBandwidthHz);

  /**
   * Eq. (5) with the noise over the allocated band and a fixed total transmit power:
   * {@code R(b) = b B_min log2(1 + γ_1 / b)}, where {@code γ_1 = M P h / σ²(B_min)} is the SNR the
   * device would have on one unit. Adding units adds bandwidth but spreads the same power, so the
   * rate saturates at {@code B_min γ_1 / ln 2} (power-limited regime). This is the platform's model.
   *
   * @param snrPerUnitLinear {@code γ_1}, linear, finite, &gt; 0
   */
  record PowerLimited(double snrPerUnitLinear) implements UplinkRate {
    public PowerLimited {
      Check.positive("snrPerUnitLinear", snrPerUnitLinear);
    }

    @Override
    public double rateBps(int units, double unitBandwidthHz) {
      return UplinkModel.rateFromSnrPerUnit(unitBandwidthHz, snrPerUnitLinear, units);
    }
  }

  /**
   * Constant spectral efficiency: {@code R(b) = b B_min η} — eq. (5) with a per-Hz SNR (power
   * spectral density held constant, e.g. by open-loop power control per resource block), so the
   * rate scales linearly with the units.
   *
   * @param spectralEfficiencyBitsPerHz {@code η = log2(1 + SNR)}, bit/s/Hz, finite, &gt; 0
   */
  record Linear(double spectralEfficiencyBitsPerHz) implements UplinkRate {
    public Linear {
      Check.positive("spectralEfficiencyBitsPerHz", spectralEfficiencyBitsPerHz);
    }

    @Override
    public double rateBps(int units, double unitBandwidthHz) {
      return units * (unitBandwidthHz * spectralEfficiencyBitsPerHz);
    }
  }
}
