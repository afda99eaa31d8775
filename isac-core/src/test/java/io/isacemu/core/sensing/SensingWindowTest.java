package io.isacemu.core.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SensingWindowTest {

  @Test
  void eq1DataIsRateTimesTime() {
    assertThat(new SensingWindow(5e6, true, 0.4, 1.0).dataBits()).isEqualTo(2e6);
    assertThat(SensingWindow.idle(5e6, 1.0).dataBits()).isZero();
  }

  @Test
  void eq2SensingTimeBoundedBySelectionTimesFrame() {
    assertThatThrownBy(() -> new SensingWindow(1e5, true, 1.5, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sensingTimeSeconds").hasMessageContaining("1.5");
    assertThatThrownBy(() -> new SensingWindow(1e5, false, 0.1, 1.0))
        .hasMessageContaining("sensingTimeSeconds").hasMessageContaining("selected=false");
  }

  @Test
  void rejectsNegativeAndNonFinite() {
    assertThatThrownBy(() -> new SensingWindow(-1, true, 0.1, 1)).hasMessageContaining("sensingRateBps").hasMessageContaining("-1");
    assertThatThrownBy(() -> new SensingWindow(1, true, Double.NaN, 1)).hasMessageContaining("sensingTimeSeconds");
    assertThatThrownBy(() -> new SensingWindow(1, true, 0, 0)).hasMessageContaining("frameSeconds").hasMessageContaining("0");
  }
}
