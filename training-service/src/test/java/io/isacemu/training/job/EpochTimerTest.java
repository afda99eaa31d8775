package io.isacemu.training.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.learning.EpochReport;
import io.isacemu.learning.TrainingListener;
import io.isacemu.learning.metrics.SentimentMetrics;
import io.isacemu.support.MonotonicClock;
import io.isacemu.training.TestSupport;
import io.isacemu.training.engine.DjlTrainingEngine;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code training.epoch.duration} through the engine's adapter and the job's progress: every epoch,
 * the first of each run included, is timed from its own start (issue 12: the stage began only once
 * epoch 0 had ended, which reset the clock and recorded that epoch as ~0 s).
 */
class EpochTimerTest {

  /** Nanoseconds of the clock the test moves by hand. */
  private final AtomicLong ticks = new AtomicLong();

  private void advanceSeconds(long s) {
    ticks.addAndGet(TimeUnit.SECONDS.toNanos(s));
  }

  private static EpochReport report(EpochReport.Stage stage, String model, double lambda, int epoch) {
    return new EpochReport(stage, model, lambda, epoch, 2, Double.NaN, 1, 1, 1, 1,
        SentimentMetrics.compute(new float[] {1}, new float[] {1}), Optional.empty(), 10, 0, true);
  }

  @Test
  void theFirstEpochOfEveryRunIsTimedFromItsStart() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MonotonicClock clock = new MonotonicClock(Instant.parse("2026-01-01T00:00:00Z"), ticks::get);
    Job job = new Job(1, TestSupport.spec(), clock.instant(), 50);
    job.state = JobState.RUNNING;
    job.lastMark = clock.instant();
    Object lock = new Object();
    JobProgress progress = new JobProgress(job, lock, clock, new JobMetrics(registry, s -> 0), j -> { });
    TrainingListener adapter = DjlTrainingEngine.adapter(progress, 2);

    // job set-up (dataset, cost table) takes 100 s before the first run: not an epoch
    advanceSeconds(100);
    // stage I: T (epochs of 7 s, 3 s), V+A+T (11 s, 5 s); stage II λ=0.5: on-demand (13 s, 2 s), full (17 s, 4 s)
    long[][] runs = {{7, 3}, {11, 5}, {13, 2}, {17, 4}};
    EpochReport.Stage[] stages = {EpochReport.Stage.EXPERTS, EpochReport.Stage.EXPERTS, EpochReport.Stage.GATE,
        EpochReport.Stage.GATE};
    String[] models = {"T", "V+A+T", "gate", "gate"};
    double[] lambdas = {0, 0, 0.5, 0.5};
    for (int r = 0; r < runs.length; r++) {
      adapter.onRunStart(stages[r], models[r], lambdas[r], 0);
      for (int e = 0; e < 2; e++) {
        advanceSeconds(runs[r][e]);
        adapter.onEpoch(report(stages[r], models[r], lambdas[r], e));
      }
      advanceSeconds(30); // evaluation and checkpointing between runs: not an epoch either
    }

    Timer timer = registry.get("training.epoch.duration").timer();
    assertThat(timer.count()).isEqualTo(8);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(7 + 3 + 11 + 5 + 13 + 2 + 17 + 4);
    assertThat(timer.max(TimeUnit.SECONDS)).isEqualTo(17);
    // the ETA's mean epoch time: 62 s over 8 epochs (the old code: 3 + 5 + 2 + 4 = 14 s)
    assertThat(job.timedEpochs).isEqualTo(8);
    assertThat(job.epochSecondsTotal).isEqualTo(62.0);
    assertThat(job.completedEpochs).isEqualTo(8);
    assertThat(Duration.between(job.lastMark, clock.instant())).isEqualTo(Duration.ofSeconds(30));
  }
}
