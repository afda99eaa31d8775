package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelStateTest {

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
