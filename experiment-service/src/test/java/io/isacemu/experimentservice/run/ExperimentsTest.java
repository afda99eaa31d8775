package io.isacemu.experimentservice.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.support.ConflictException;
import io.isacemu.support.OverloadedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsTest {

  /** 1 point × 2 samples × 1 mode: 2 tasks. */
  static final String TINY = "serving:\n  modes: [fixed:T]\n  samplesPerPoint: 2\n  tasksInFlight: 1\n";

  @TempDir Path dir;

  private final GatedPlatform platform = new GatedPlatform();
  private final AtomicLong ticks = new AtomicLong();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T18:00:00Z"), ZoneOffset.UTC);
  private Experiments experiments;

  private Experiments start(int queueCapacity) {
    experiments = new Experiments(new ExperimentStore(dir), platform, clock, () -> ticks.addAndGet(1_000_000L),
        queueCapacity, 7);
    return experiments;
  }

  @AfterEach
  void stop() {
    if (experiments != null) {
      experiments.close();
    }
  }

  /** Polls the state (no wall-clock assertion: the bound only keeps a broken test from hanging). */
  private static void until(BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 3000 && !done.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(done.getAsBoolean()).as("condition reached").isTrue();
  }

  @Test
  void oneRunsTheNextWaitsAndBeyondTheQueue429WithRetryAfter() throws Exception {
    Experiments x = start(1);
    ExperimentState a = x.submit(TINY, "a");
    until(() -> x.get(a.id()).status() == ExperimentStatus.RUNNING && platform.awaiting.get() == 1);
    ExperimentState b = x.submit(TINY, "b");
    assertThat(x.get(b.id()).status()).isEqualTo(ExperimentStatus.QUEUED);
    assertThatThrownBy(() -> x.submit(TINY, "c")).isInstanceOf(OverloadedException.class)
        .satisfies(e -> assertThat(((OverloadedException) e).retryAfterSeconds()).isEqualTo(7))
        .hasMessageContaining("queue-capacity 1");
    assertThat(Files.list(dir).count()).as("a refused submission leaves no directory").isEqualTo(2);
    assertThat(x.get(a.id()).progress().tasks()).isEqualTo(2);
    platform.open();
    until(() -> x.get(b.id()).status().finished());
    assertThat(x.get(a.id()).status()).isEqualTo(ExperimentStatus.COMPLETE);
    assertThat(x.get(b.id()).status()).isEqualTo(ExperimentStatus.COMPLETE);
    assertThat(x.get(a.id()).progress().tasksDone()).isEqualTo(2);
    assertThat(ResultFiles.present(x.dir(a.id()))).contains("summary.csv", "report.html", "run.json", "posted.yaml");
  }

  @Test
  void cancelStopsARunningAndDropsAQueuedExperiment() throws Exception {
    Experiments x = start(2);
    ExperimentState a = x.submit(TINY, "a");
    until(() -> platform.awaiting.get() == 1);
    ExperimentState b = x.submit(TINY, "b");
    assertThat(x.cancel(b.id()).status()).isEqualTo(ExperimentStatus.CANCELLED);
    x.cancel(a.id());
    until(() -> x.get(a.id()).status().finished());
    assertThat(x.get(a.id()).status()).isEqualTo(ExperimentStatus.CANCELLED);
    assertThat(x.get(a.id()).reason()).hasValueSatisfying(r -> assertThat(r).contains("cancelled while running"));
    assertThatThrownBy(() -> x.cancel(a.id())).isInstanceOf(ConflictException.class);
    assertThat(platform.awaiting.get()).as("b never ran").isEqualTo(1);
  }

  @Test
  void aRunThatWasRunningWhenTheProcessDiedIsFailedAtStartNeverComplete() throws Exception {
    Experiments x = start(1);
    ExperimentState a = x.submit(TINY, "a");
    until(() -> platform.awaiting.get() == 1);
    // the process dies: its state on disk still says RUNNING (close() would record the stop itself)
    ExperimentStore store = new ExperimentStore(dir);
    assertThat(store.loadAll()).extracting(ExperimentState::status).containsExactly(ExperimentStatus.RUNNING);
    Experiments after = new Experiments(store, new GatedPlatform().open(), clock, ticks::get, 1, 7);
    try {
      ExperimentState s = after.get(a.id());
      assertThat(s.status()).isEqualTo(ExperimentStatus.FAILED);
      assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("interrupted").contains("RUNNING"));
      assertThat(new ExperimentStore(dir).loadAll().get(0).status()).as("persisted").isEqualTo(ExperimentStatus.FAILED);
    } finally {
      after.close();
    }
  }

  @Test
  void aBadScenarioOrAStartUpSettingThatDiffersIsRefusedByKeyPath() {
    Experiments x = start(1);
    assertThatThrownBy(() -> x.submit("serving:\n  samplesPerPoint: -3\n", "bad")).isInstanceOf(ScenarioException.class)
        .hasMessageContaining("serving.samplesPerPoint").hasMessageContaining("-3");
    platform.differences = s -> List.of(new Problem("cell.noiseFigureDb", "3.0", "3.0 differs from the running platform's 9.0"));
    assertThatThrownBy(() -> x.submit(TINY, "differs")).isInstanceOf(ScenarioException.class)
        .hasMessageContaining("cell.noiseFigureDb");
    assertThatThrownBy(() -> x.submit(TINY, "../x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name: '../x'");
    assertThat(x.list()).isEmpty();
    assertThat(dir.toFile().list()).isEmpty();
  }
}
