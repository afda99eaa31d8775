package io.isacemu.bs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.core.modality.ModalitySet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskModeAndSummariesTest {

  @Test
  void parsesEveryModeAndNamesABadValue() {
    assertThat(TaskMode.parse("full")).isEqualTo(new TaskMode.Gated(io.isacemu.learning.GateMode.FULL));
    assertThat(TaskMode.parse("ON-DEMAND")).isEqualTo(new TaskMode.Gated(io.isacemu.learning.GateMode.ON_DEMAND));
    assertThat(TaskMode.parse("fixed:v+a+t")).isEqualTo(new TaskMode.Fixed(ModalitySet.all()));
    assertThat(TaskMode.parse("fixed:T").label()).isEqualTo("fixed:T");
    assertThatThrownBy(() -> TaskMode.parse("fast")).hasMessageStartingWith("mode: 'fast'");
    assertThatThrownBy(() -> TaskMode.parse("fixed:X")).hasMessageStartingWith("mode: 'fixed:X'");
    assertThatThrownBy(() -> Objective.parse("speed")).hasMessageStartingWith("objective: 'speed'");
  }

  private static TaskResult task(String id, String mode, TaskStatus status, double latency, double bits,
      TaskResult.SampleOutcome... samples) {
    return new TaskResult(id, mode, "latency", status, "", Optional.of("v"), Instant.EPOCH, Optional.of(Instant.EPOCH),
        List.of(samples), List.of(), new TaskResult.Latency(0, 0, latency, latency),
        new TaskResult.MeasuredLatency(0, 0, 0), 1.0, bits);
  }

  private static TaskResult.SampleOutcome s(String expert, float label, float pred) {
    return new TaskResult.SampleOutcome("s", label, Optional.of(pred), Optional.of(expert), Optional.of(expert), false);
  }

  @Test
  void aggregatesPerModeAndExpertOverFinishedTasksOnly() {
    List<TaskResult> tasks = List.of(
        task("1", "full", TaskStatus.DONE, 1.0, 100, s("T", 1, 2), s("V+A+T", -1, 1)),
        task("2", "full", TaskStatus.DEGRADED, 3.0, 300, s("T", -2, -1)),
        task("3", "full", TaskStatus.FAILED, 99, 999),
        task("4", "fixed:T", TaskStatus.DONE, 0.5, 10, s("T", 1, 1)));

    List<SummaryRow> rows = Summaries.of(tasks);

    assertThat(rows).extracting(r -> r.mode() + "/" + r.expert())
        .containsExactly("fixed:T/*", "fixed:T/T", "full/*", "full/T", "full/V+A+T");
    SummaryRow full = rows.get(2);
    assertThat(full.tasks()).isEqualTo(2);
    assertThat(full.samples()).isEqualTo(3);
    assertThat(full.acc2()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(full.meanLatencySeconds()).isEqualTo(2.0);
    assertThat(full.p95LatencySeconds()).isEqualTo(3.0);
    assertThat(full.meanBits()).isEqualTo(200);
    assertThat(full.expertShares()).containsEntry("T", 2.0 / 3).containsEntry("V+A+T", 1.0 / 3);
    SummaryRow vat = rows.get(4);
    assertThat(vat.tasks()).isEqualTo(1);
    assertThat(vat.acc2()).isEqualTo(0.0);
    assertThat(vat.meanLatencySeconds()).isEqualTo(1.0);
  }

  @Test
  void p95IsTheNearestRank() {
    double[] v = new double[20];
    for (int i = 0; i < 20; i++) {
      v[i] = 20 - i;
    }
    assertThat(Summaries.p95(v)).isEqualTo(19.0);
    assertThat(Summaries.p95(new double[0])).isZero();
  }
}
