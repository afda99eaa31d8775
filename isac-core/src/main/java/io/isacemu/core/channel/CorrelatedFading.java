package io.isacemu.core.channel;

import io.isacemu.core.validation.Check;
import java.util.random.RandomGenerator;

/**
 * Small-scale fading with unit mean power: Rician with factor K (K = 0 gives Rayleigh), its
 * diffuse part time-correlated by a first-order Gauss–Markov process.
 *
 * <p>Complex gain {@code h = √(K/(K+1)) e^{jφ} + √(1/(K+1)) g}, {@code g ~ CN(0, 1)}, so {@code
 * E|h|² = 1}. The diffuse part evolves as {@code g' = ρ g + √(1 − ρ²) w}, {@code w ~ CN(0, 1)}, with
 * {@code ρ = J0(2π f_D Δt)} (Clarke/Jakes autocorrelation at the step lag; e.g. Baddour &amp;
 * Beaulieu, IEEE TWC 4(4), 2005, for the AR(1) approximation). An AR(1) matches the Clarke
 * correlation at lag Δt exactly, not at every lag. The specular phase φ is supplied by the caller
 * (the channel uses {@code −2π d3D/λ}, so the LOS ray's Doppler follows the real geometry).
 */
final class CorrelatedFading {

  private static final double HALF_VARIANCE_STD = Math.sqrt(0.5);

  private final RandomGenerator rng;
  private double diffuseRe;
  private double diffuseIm;

  /** Draws the initial diffuse gain {@code g ~ CN(0, 1)}. */
  CorrelatedFading(RandomGenerator rng) {
    this.rng = Check.present("rng", rng);
    this.diffuseRe = HALF_VARIANCE_STD * rng.nextGaussian();
    this.diffuseIm = HALF_VARIANCE_STD * rng.nextGaussian();
  }

  /**
   * One Gauss–Markov step with lag correlation {@code rho}. {@code rho = 1} (no motion) leaves the
   * gain unchanged and draws nothing.
   *
   * @param rho correlation coefficient, in {@code [−1, 1]}
   */
  void advance(double rho) {
    Check.inRange("rho", rho, -1.0, 1.0);
    if (rho == 1.0) {
      return;
    }
    double innovation = Math.sqrt(1.0 - rho * rho) * HALF_VARIANCE_STD;
    diffuseRe = rho * diffuseRe + innovation * rng.nextGaussian();
    diffuseIm = rho * diffuseIm + innovation * rng.nextGaussian();
  }

  /** Real part of the diffuse gain g. */
  double diffuseRe() {
    return diffuseRe;
  }

  /** Imaginary part of the diffuse gain g. */
  double diffuseIm() {
    return diffuseIm;
  }

  /**
   * Fading power {@code |h|²} (linear, unit mean).
   *
   * @param kFactorLinear Rician K, linear, finite and {@code ≥ 0} (0: Rayleigh)
   * @param losPhaseRad specular phase φ, rad, finite
   */
  double powerLinear(double kFactorLinear, double losPhaseRad) {
    Check.nonNegative("kFactorLinear", kFactorLinear);
    Check.finite("losPhaseRad", losPhaseRad);
    double specular = Math.sqrt(kFactorLinear / (kFactorLinear + 1.0));
    double diffuse = Math.sqrt(1.0 / (kFactorLinear + 1.0));
    double re = specular * Math.cos(losPhaseRad) + diffuse * diffuseRe;
    double im = specular * Math.sin(losPhaseRad) + diffuse * diffuseIm;
    return re * re + im * im;
  }
}
