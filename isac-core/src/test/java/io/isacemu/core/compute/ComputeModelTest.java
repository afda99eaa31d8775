package io.isacemu.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComputeModelTest {

  /** 8e9 FLOPs at 8 FLOPs/cycle = 1e9 cycles; at 1 GHz 1 s; energy κ f² cycles = 1e-28·1e18·1e9 = 0.1 J. */
  @Test
  void localTimeAndEnergy() {
    DeviceProcessor p = DeviceProcessor.of(1e9, 8);
    assertThat(p.cycles(8e9)).isEqualTo(1e9);
    assertThat(p.seconds(8e9)).isEqualTo(1.0);
    assertThat(p.energyJ(8e9)).isCloseTo(0.1, within(1e-15));
  }

  @Test
  void mecTime() {
    assertThat(MecServer.reference().seconds(3.2e11)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> DeviceProcessor.of(0, 8)).hasMessageContaining("cpuHz");
    assertThatThrownBy(() -> DeviceProcessor.of(1e9, Double.NaN)).hasMessageContaining("flopsPerCycle");
    assertThatThrownBy(() -> new MecServer(-5, 1)).hasMessageContaining("cpuHz").hasMessageContaining("-5");
    assertThatThrownBy(() -> DeviceProcessor.of(1e9, 8).seconds(-1)).hasMessageContaining("flops");
  }
}
