package io.isacemu.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.core.spectrum.Spectrum;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UplinkModelTest {

  private static final double REL = 1e-9;

  /**
   * Eq. (5) worked by hand. P = 23 dBm = 10^(−0.7) W = 0.19952623149688797 W; h = −100 dB = 1e−10;
   * b = 5 units of 180 kHz = 900 kHz; σ² = −174 + 10·log10(9e5) + 9 = −174 + 59.54242509439325 + 9
   * = −105.45757490560675 dBm = 2.8460498941515434e−14 W; SNR = P h / σ² = 701.0637160891032;
   * R = 9e5 · log2(702.0637160891032) = 8 509 912.342779743 bit/s.
   */
  @Test
  void eq5HandWorkedExample() {
    UplinkModel model = new UplinkModel(Spectrum.reference(), ThermalNoise.reference(), 1);
    assertThat(ThermalNoise.reference().noisePowerDbm(900e3)).isCloseTo(-105.45757490560675, within(1e-12));
    assertThat(ThermalNoise.reference().noisePowerWatts(900e3))
        .isCloseTo(2.8460498941515434e-14, within(2.8460498941515434e-14 * REL));
    assertThat(model.snrLinear(23, 1e-10, 5)).isCloseTo(701.0637160891032, within(701.0637160891032 * REL));
    assertThat(model.rateBps(23, 1e-10, 5)).isCloseTo(8509912.342779743, within(8509912.342779743 * REL));
  }

  /** MRC over M = 4 antennas multiplies the SNR by 4: R = 9e5 · log2(1 + 4 · 701.0637…) = 10 308 524.52… bit/s. */
  @Test
  void arrayGainMultipliesSnr() {
    UplinkModel m4 = new UplinkModel(Spectrum.reference(), ThermalNoise.reference(), 4);
    assertThat(m4.rateBps(23, 1e-10, 5)).isCloseTo(10308524.520483358, within(10308524.520483358 * REL));
  }

  @Test
  void oneUnitSnrFormMatchesDirectForm() {
    UplinkModel m = UplinkModel.reference(2);
    double g1 = m.snrPerUnitLinear(20, 3e-11);
    for (int b = 1; b <= 111; b++) {
      assertThat(UplinkModel.rateFromSnrPerUnit(180e3, g1, b))
          .isCloseTo(m.rateBps(20, 3e-11, b), within(m.rateBps(20, 3e-11, b) * 1e-12));
    }
  }

  @Test
  void zeroUnitsMeansZeroRate() {
    assertThat(UplinkModel.reference(1).rateBps(23, 1e-9, 0)).isZero();
  }

  @Property(tries = 300)
  void rateNeverFallsWhenUnitsAreAdded(
      @ForAll @DoubleRange(min = -10, max = 30) double txPowerDbm,
      @ForAll @DoubleRange(min = -150, max = -50) double gainDb,
      @ForAll @IntRange(min = 0, max = 110) int units) {
    UplinkModel m = UplinkModel.reference(1);
    double h = Math.pow(10, gainDb / 10);
    assertThat(m.rateBps(txPowerDbm, h, units + 1)).isGreaterThanOrEqualTo(m.rateBps(txPowerDbm, h, units));
  }

  @Test
  void invalidInputsNameFieldAndValue() {
    UplinkModel m = UplinkModel.reference(1);
    assertThatThrownBy(() -> m.rateBps(Double.NaN, 1e-9, 1)).hasMessageContaining("txPowerDbm").hasMessageContaining("NaN");
    assertThatThrownBy(() -> m.rateBps(23, -1, 1)).hasMessageContaining("channelGainLinear").hasMessageContaining("-1");
    assertThatThrownBy(() -> m.rateBps(23, 1e-9, -2)).hasMessageContaining("units").hasMessageContaining("-2");
    assertThatThrownBy(() -> new UplinkModel(Spectrum.reference(), ThermalNoise.reference(), 0))
        .hasMessageContaining("bsAntennas");
    assertThatThrownBy(() -> ThermalNoise.withNoiseFigure(-3)).hasMessageContaining("noiseFigureDb").hasMessageContaining("-3");
  }

  @Test
  void airTimeIsEq6() {
    assertThat(AirTime.sentBits(0.5, 2e6)).isEqualTo(1e6);
    assertThat(AirTime.commSeconds(1e6, 2e6)).isEqualTo(0.5);
    assertThat(AirTime.commSeconds(0, 0)).isZero();
    assertThat(AirTime.transmitEnergyJ(0.2, 0.5)).isCloseTo(0.1, within(1e-15));
    assertThatThrownBy(() -> AirTime.commSeconds(10, 0)).hasMessageContaining("rateBps");
    assertThatThrownBy(() -> AirTime.sentBits(-1, 1)).hasMessageContaining("commSeconds").hasMessageContaining("-1");
  }
}
