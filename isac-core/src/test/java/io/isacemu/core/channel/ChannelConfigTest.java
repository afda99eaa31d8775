package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChannelConfigTest {

  @Test
  void referenceValues() {
    ChannelConfig reference = ChannelConfig.reference();
    assertThat(reference.carrierFrequencyHz()).isEqualTo(3.5e9);
    assertThat(reference.bsHeightM()).isEqualTo(10.0);
    assertThat(reference.ueHeightM()).isEqualTo(1.5);
    assertThat(reference.ricianKFactorDb()).isEqualTo(9.0);
    assertThat(reference.ricianKFactorLinear()).isCloseTo(7.943282347242815, within(1e-12));
    assertThat(reference.shadowingEnabled()).isTrue();
    assertThat(reference.fadingEnabled()).isTrue();
    assertThat(reference.shadowingDecorrelationLosM()).isEqualTo(10.0);
    assertThat(reference.shadowingDecorrelationNlosM()).isEqualTo(13.0);
    assertThat(reference.losCorrelationDistanceM()).isEqualTo(50.0);
    assertThat(reference.wavelengthM()).isCloseTo(0.08565498800, within(1e-11));
    assertThat(reference.pathLoss()).isEqualTo(UmiStreetCanyonPathLoss.reference());
  }

  @Test
  void rejectsInvalidValuesNamingFieldAndValue() {
    assertThatThrownBy(() -> new ChannelConfig(0.0, 10, 1.5, 9, true, true, 10, 13, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrierFrequencyHz: 0.0");
    assertThatThrownBy(() -> new ChannelConfig(3.5e9, 10, 1.5, Double.NaN, true, true, 10, 13, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ricianKFactorDb: NaN");
    assertThatThrownBy(() -> new ChannelConfig(3.5e9, 10, 1.5, 9, true, true, 0, 13, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shadowingDecorrelationLosM: 0.0");
    assertThatThrownBy(() -> new ChannelConfig(3.5e9, 10, 1.5, 9, true, true, 10, -13, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shadowingDecorrelationNlosM: -13.0");
    assertThatThrownBy(() -> new ChannelConfig(3.5e9, 10, 1.5, 9, true, true, 10, 13, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("losCorrelationDistanceM: -1.0");
  }

  @Test
  void channelStateRejectsInconsistentGain() {
    // −PL + SF + 10 log10(F) = −100 + 2 + 0 = −98 dB
    ChannelState ok = new ChannelState(0, 100, 100.36, true, 100, 2, 1, -98, 1.5848931924611143e-10, 1, 11.7);
    assertThat(ok.channelGainDb()).isEqualTo(-98.0);
    assertThatThrownBy(() -> new ChannelState(0, 100, 100.36, true, 100, 2, 1, -97, 1e-10, 1, 11.7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channelGainDb: -97.0");
    assertThatThrownBy(() -> new ChannelState(0, 100, 100.36, true, 100, 2, 1, -98, 1e-10, 1, 11.7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channelGainLinear: 1.0E-10");
    assertThatThrownBy(() -> new ChannelState(0, -1, 100.36, true, 100, 2, 1, -98, 1.58e-10, 1, 11.7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distance2dM: -1.0");
  }
}
