package io.isacemu.training.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.learning.GateMode;
import io.isacemu.training.engine.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate switches of {@code POST /api/jobs}: which gates, and the network-state input. */
class JobRequestGatesTest {

  private static JobSpec spec(String gateMode, List<String> gates, Boolean state) {
    return new JobRequest(null, null, null, null, null, 1, 1, null, gateMode, null, null, 7L, null, null, null,
        gates, state, null, null).toSpec("demo");
  }

  @Test
  void defaultsTrainBothGatesWithTheState() {
    JobSpec s = spec(null, null, null);
    assertThat(s.gates()).containsExactly(GateMode.ON_DEMAND, GateMode.FULL);
    assertThat(s.networkState()).isTrue();
    assertThat(s.plannedEpochs()).isEqualTo(4 * 1 + 1 * 1 * 2);
  }

  @Test
  void gatesAndStateCanBeSwitched() {
    JobSpec s = spec(null, List.of("full"), false);
    assertThat(s.gates()).containsExactly(GateMode.FULL);
    assertThat(s.trains(GateMode.ON_DEMAND)).isFalse();
    assertThat(s.networkState()).isFalse();
    assertThat(spec(null, List.of("On-Demand"), null).gates()).containsExactly(GateMode.ON_DEMAND);
  }

  @Test
  void invalidGatesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> spec(null, List.of("half"), null)).hasMessageContaining("gates[0]: unknown value 'half'");
    assertThatThrownBy(() -> spec(null, List.of(), null)).hasMessageContaining("gates: []");
    assertThatThrownBy(() -> spec(null, List.of("full", "full"), null)).hasMessageContaining("duplicate");
  }

  @Test
  void theDeprecatedGateModeIsValidatedButTrainsBothGates() {
    assertThat(spec("on-demand", null, null).gates()).containsExactly(GateMode.ON_DEMAND, GateMode.FULL);
    assertThatThrownBy(() -> spec("sometimes", null, null)).hasMessageContaining("gateMode");
  }
}
