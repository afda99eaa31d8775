package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reference values from scipy.special.j0 / mpmath.besselj(0, x) (double precision). */
class BesselJ0Test {

  @ParameterizedTest
  @CsvSource({
    "0.0, 1.0",
    "1.0, 0.7651976865579666",
    "2.404825557695773, 0.0",
    "5.5, -0.006843869417819189",
    "10.0, -0.2459357644513483",
    "11.9999, 0.04766696575487088",
    "12.0, 0.0476893107968335",
    "15.0, -0.014224472826780597",
    "30.0, -0.08636798358104031",
    "100.0, 0.01998585030422333",
    "-1.0, 0.7651976865579666",
  })
  void knownValues(double x, double expected) {
    assertThat(BesselJ0.j0(x)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void continuousAcrossTheSeriesAsymptoticSwitch() {
    assertThat(BesselJ0.j0(Math.nextDown(12.0)) - BesselJ0.j0(12.0)).isCloseTo(0.0, within(2e-12));
  }

  @Test
  void boundedByOne() {
    for (double x = 0.0; x < 200.0; x += 0.01) {
      assertThat(Math.abs(BesselJ0.j0(x))).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void rejectsNonFinite() {
    assertThatThrownBy(() -> BesselJ0.j0(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x: NaN");
  }
}
