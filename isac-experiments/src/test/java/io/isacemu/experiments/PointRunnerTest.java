package io.isacemu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.model.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointRunnerTest {

  @Test
  void theSampleOrderIsAPermutationFixedByTheSeed() {
    List<Integer> a = PointRunner.sampleOrder(50, 42);
    assertThat(a).containsExactlyInAnyOrderElementsOf(PointRunner.sampleOrder(50, 0));
    assertThat(PointRunner.sampleOrder(50, 42)).isEqualTo(a);
    assertThat(PointRunner.sampleOrder(50, 43)).isNotEqualTo(a);
  }

  @Test
  void samplesAreChunkedIntoTasksWithTheServingSettings() {
    Scenario s = Scenarios.load("serving:\n  samplesPerTask: 3\n  deadlineSeconds: 2.5\n  objective: energy\n", "t.yaml");
    List<Map<String, Object>> tasks = PointRunner.tasks(s.serving(), "full", List.of(6, 0, 5, 1, 4, 2, 3));
    assertThat(tasks).hasSize(3);
    assertThat(tasks.get(0)).containsEntry("sampleIds", List.of("syn-test-000006", "syn-test-000000", "syn-test-000005"))
        .containsEntry("mode", "full").containsEntry("deadlineSeconds", 2.5).containsEntry("objective", "energy");
    assertThat(tasks.get(2)).containsEntry("sampleIds", List.of("syn-test-000003"));
  }

  @Test
  void neverMoreTasksInFlightThanAllowedAndEveryTaskCounted() throws Exception {
    Scenario s = Scenarios.load("serving:\n  modes: [fixed:T]\n  samplesPerPoint: 20\n  tasksInFlight: 3\n", "t.yaml");
    FakePlatform platform = new FakePlatform();
    Progress progress = new Progress(1, PointRunner.tasksPerReplication(s), () -> 0);
    PointRunner.Outcome o = new PointRunner(platform, progress).run(0, Map.of(), s, 0, Map.of());
    assertThat(platform.maxOpen).isEqualTo(3);
    assertThat(o.samples()).hasSize(20);
    assertThat(o.failures()).isEmpty();
    assertThat(progress.tasksDone()).isEqualTo(20);
  }

  @Test
  void theProgressLineGivesPointsRateAndEta() {
    long[] now = {7_000_000_000L};
    Progress p = new Progress(4, 100, () -> now[0]);
    assertThat(p.line()).isEqualTo("points 0/4, tasks 0/100, 0.0 tasks/s, ETA ?");
    now[0] = 10_000_000_000L; // training took 3 s: not in the rate
    p.tasksStarting();
    for (int i = 0; i < 25; i++) {
      p.taskDone();
    }
    p.pointDone(0);
    now[0] = 15_000_000_000L;
    p.tasksStarting();
    assertThat(p.line()).isEqualTo("points 1/4, tasks 25/100, 5.0 tasks/s, ETA 15 s");
  }
}
