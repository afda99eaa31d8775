package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

/**
 * Hand-worked TR 38.901 Table 7.4.1-1 / 7.4.2-1 numbers at fc = 3.5 GHz, hBS = 10 m, hUT = 1.5 m.
 *
 * <p>Common terms: 20 log10(3.5) = 10.881360887005513; 21.3 log10(3.5) = 11.588649344660872;
 * hBS − hUT = 8.5 m, (hBS − hUT)² = 72.25; d'BP = 4 · 9 · 0.5 · 3.5e9 / 299792458 =
 * 210.1453799748358 m; 9.5 log10(d'BP² + 72.25) = 9.5 log10(44233.33072476812) =
 * 44.134621604065345.
 */
class UmiStreetCanyonPathLossTest {

  private static final double REL = 1e-9 * 100; // 1e-9 relative, as a percentage

  private final UmiStreetCanyonPathLoss model = UmiStreetCanyonPathLoss.reference();

  @Test
  void breakpointDistance() {
    assertThat(model.breakpointDistanceM()).isCloseTo(210.1453799748358, withPercentage(REL));
  }

  @Test
  void losBeforeBreakpointAt100m() {
    // d3D = √(100² + 72.25) = 100.36059983878135; log10 = 2.001563248356944
    // PL1 = 32.4 + 21 · 2.001563248356944 + 10.881360887005513 = 85.31418910250133
    assertThat(model.losPathLossDb(100.0)).isCloseTo(85.31418910250133, withPercentage(REL));
  }

  @Test
  void losAt10mIsTheFirstBranch() {
    // d3D = √(100 + 72.25) = 13.124404748406688; 21 log10 d3D = 23.479671921086467
    // PL1 = 32.4 + 23.479671921086467 + 10.881360887005513 = 66.76103280809198
    assertThat(model.losPathLossDb(10.0)).isCloseTo(66.76103280809198, withPercentage(REL));
  }

  @Test
  void losAfterBreakpointAt500m() {
    // d3D = √(500² + 72.25) = 500.0722447806917; 40 log10 d3D = 107.96131003288893
    // PL2 = 32.4 + 107.96131003288893 + 10.881360887005513 − 44.134621604065345
    //     = 107.10804931582909
    assertThat(model.losPathLossDb(500.0)).isCloseTo(107.10804931582909, withPercentage(REL));
  }

  @Test
  void nlosAt100mIsPlPrime() {
    // PL' = 35.3 · 2.001563248356944 + 22.4 + 11.588649344660872 − 0 = 104.64383201166098,
    // above PL_LOS = 85.314..., so max() = PL'.
    assertThat(model.nlosPathLossDb(100.0)).isCloseTo(104.64383201166098, withPercentage(REL));
    assertThat(model.pathLossDb(100.0, false)).isEqualTo(model.nlosPathLossDb(100.0));
    assertThat(model.pathLossDb(100.0, true)).isEqualTo(model.losPathLossDb(100.0));
  }

  @Test
  void nlosTakesTheLosValueWhenItIsLarger() {
    // hBS = 25 m, hUT = 22.5 m, d2D = 10 m: d3D = √(100 + 6.25) = 10.307764064044152,
    // log10 = 1.0131644693611745; d'BP = 4·24·21.5·3.5e9/c ≈ 24.1 km, so PL1 applies:
    // PL_LOS = 32.4 + 21 · 1.0131644693611745 + 10.881360887005513 = 64.55781474359017
    // PL'    = 35.3 · 1.0131644693611745 + 22.4 + 11.588649344660872 − 0.3 · 21 = 63.453355113110334
    // PL_NLOS = max(64.5578..., 63.4533...) = 64.55781474359017
    UmiStreetCanyonPathLoss tall = new UmiStreetCanyonPathLoss(3.5e9, 25.0, 22.5);
    assertThat(tall.losPathLossDb(10.0)).isCloseTo(64.55781474359017, withPercentage(REL));
    assertThat(tall.nlosPathLossDb(10.0)).isCloseTo(64.55781474359017, withPercentage(REL));
  }

  @Test
  void nlosNeverBelowLos() {
    for (double d = 0.0; d <= 5000.0; d += 7.3) {
      assertThat(model.nlosPathLossDb(d)).isGreaterThanOrEqualTo(model.losPathLossDb(d));
    }
  }

  @Test
  void losIsNearlyContinuousAtTheBreakpoint() {
    double bp = model.breakpointDistanceM();
    assertThat(model.losPathLossDb(bp + 1e-9) - model.losPathLossDb(bp - 1e-9))
        .isCloseTo(0.0, within(0.05));
  }

  @Test
  void distancesBelow10mAreClampedTo10m() {
    assertThat(model.losPathLossDb(0.0)).isEqualTo(model.losPathLossDb(10.0));
    assertThat(model.losPathLossDb(5.0)).isCloseTo(66.76103280809198, withPercentage(REL));
    assertThat(model.nlosPathLossDb(3.0)).isCloseTo(73.45685976439194, withPercentage(REL));
  }

  @Test
  void distancesAbove5kmAreRejected() {
    assertThat(model.losPathLossDb(5000.0)).isFinite();
    assertThatThrownBy(() -> model.losPathLossDb(5000.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distance2dM")
        .hasMessageContaining("5000.001");
    assertThatThrownBy(() -> model.nlosPathLossDb(6000.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distance2dM");
  }

  @Test
  void losProbabilityValues() {
    assertThat(UmiStreetCanyonPathLoss.losProbability(0.0)).isEqualTo(1.0);
    assertThat(UmiStreetCanyonPathLoss.losProbability(18.0)).isEqualTo(1.0);
    // 36 m: 18/36 + e^{−1}(1 − 0.5) = 0.5 + 0.18393972058572117 = 0.6839397205857212
    assertThat(UmiStreetCanyonPathLoss.losProbability(36.0))
        .isCloseTo(0.6839397205857212, withPercentage(REL));
    // 100 m: 0.18 + e^{−100/36} · 0.82 = 0.23098474969813537
    assertThat(UmiStreetCanyonPathLoss.losProbability(100.0))
        .isCloseTo(0.23098474969813537, withPercentage(REL));
    // 200 m: 0.09 + e^{−200/36} · 0.91 = 0.09351798732692025
    assertThat(UmiStreetCanyonPathLoss.losProbability(200.0))
        .isCloseTo(0.09351798732692025, withPercentage(REL));
  }

  @Test
  void losProbabilityDecreasesWithDistance() {
    double previous = 1.0;
    for (double d = 18.0; d < 5000.0; d += 3.1) {
      double p = UmiStreetCanyonPathLoss.losProbability(d);
      assertThat(p).isLessThanOrEqualTo(previous).isPositive();
      previous = p;
    }
  }

  @Test
  void shadowingStandardDeviations() {
    assertThat(model.shadowingStdDb(true)).isEqualTo(4.0);
    assertThat(model.shadowingStdDb(false)).isEqualTo(7.82);
  }

  @Test
  void invalidArgumentsNameFieldAndValue() {
    assertThatThrownBy(() -> model.losPathLossDb(-1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distance2dM")
        .hasMessageContaining("-1.0");
    assertThatThrownBy(() -> model.nlosPathLossDb(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distance2dM")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> UmiStreetCanyonPathLoss.losProbability(-0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distance2dM: -0.5");
    assertThatThrownBy(() -> new UmiStreetCanyonPathLoss(0.0, 10.0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrierFrequencyHz: 0.0");
    assertThatThrownBy(() -> new UmiStreetCanyonPathLoss(-3.5e9, 10.0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrierFrequencyHz: -3.5E9");
    assertThatThrownBy(() -> new UmiStreetCanyonPathLoss(200e9, 10.0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrierFrequencyHz: 2.0E11");
    assertThatThrownBy(() -> new UmiStreetCanyonPathLoss(3.5e9, 1.0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bsHeightM: 1.0");
    assertThatThrownBy(() -> new UmiStreetCanyonPathLoss(3.5e9, 10.0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ueHeightM: 1.0");
  }
}
