package io.isacemu.core.spectrum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthAllocationTest {

  @Test
  void referenceBandHas111ResourceBlocks() {
    assertThat(Spectrum.reference().totalUnits()).isEqualTo(111);
    assertThat(new Spectrum(0.6, 0.2).totalUnits()).isEqualTo(3);
    assertThat(Spectrum.reference().bandwidthHz(5)).isEqualTo(900e3);
  }

  @Test
  void eq3SelectionIffUnits() {
    BandwidthAllocation a = new BandwidthAllocation(Spectrum.reference(), Map.of("v", 3, "t", 0));
    assertThat(a.selected("v")).isTrue();
    assertThat(a.selected("t")).isFalse();
    assertThat(a.selected("absent")).isFalse();
    assertThat(a.bandwidthHz("v")).isEqualTo(540e3);
    assertThat(a.unitsUsed()).isEqualTo(3);
    assertThat(a.unitsFree()).isEqualTo(108);
  }

  @Test
  void eq4BudgetEnforced() {
    assertThatThrownBy(() -> new BandwidthAllocation(new Spectrum(1e6, 180e3), Map.of("a", 3, "b", 3)))
        .hasMessageContaining("unitsByDevice").hasMessageContaining("6").hasMessageContaining("U = 5");
    assertThatThrownBy(() -> new BandwidthAllocation(Spectrum.reference(), Map.of("a", -1)))
        .hasMessageContaining("unitsByDevice[a]").hasMessageContaining("-1");
  }

  @Test
  void spectrumValidation() {
    assertThatThrownBy(() -> new Spectrum(1e6, 2e6)).hasMessageContaining("unitBandwidthHz").hasMessageContaining("B_min > B");
    assertThatThrownBy(() -> new Spectrum(-1, 1)).hasMessageContaining("totalBandwidthHz").hasMessageContaining("-1");
    assertThatThrownBy(() -> new Spectrum(Double.POSITIVE_INFINITY, 1)).hasMessageContaining("totalBandwidthHz");
    assertThatThrownBy(() -> new Spectrum(1e6, 0)).hasMessageContaining("unitBandwidthHz");
  }
}
