package io.isacemu.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RadioSettingsTest {

  @Test
  void theDefaultsAreTheReferenceCellAndBuildTheSameUplinkAsByHand() {
    RadioSettings d = RadioSettings.DEFAULTS;
    assertThat(d.spectrum().totalUnits()).isEqualTo(111);
    UplinkModel byHand = new UplinkModel(new io.isacemu.core.spectrum.Spectrum(20e6, 180e3),
        ThermalNoise.withNoiseFigure(9), 4);
    assertThat(d.uplink().rateBps(23, 1e-10, 5)).isEqualTo(byHand.rateBps(23, 1e-10, 5));
  }

  @Test
  void invalidValuesNameTheField() {
    assertThatThrownBy(() -> new RadioSettings(20e6, 0, 9, 4)).hasMessageContaining("unitBandwidthHz");
    assertThatThrownBy(() -> new RadioSettings(20e6, 180e3, 31, 4)).hasMessageContaining("noiseFigureDb");
    assertThatThrownBy(() -> new RadioSettings(20e6, 180e3, 9, 0)).hasMessageContaining("bsAntennas");
  }

  @Test
  void aDisagreementNamesTheFirstDifferingFieldAndIgnoresTheBand() {
    RadioSettings bs = RadioSettings.DEFAULTS;
    assertThat(bs.disagreement(new RadioSettings(5e6, 180e3, 9, 4))).isEmpty();
    assertThat(bs.disagreement(new RadioSettings(20e6, 180e3, 9, 1)))
        .contains("radio.bs_antennas: the device assumes 1 but the BS has 4");
    assertThat(bs.disagreement(new RadioSettings(20e6, 360e3, 7, 1)).orElseThrow()).startsWith("radio.unit_bandwidth_hz");
  }
}
