package io.isacemu.training.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters of the job queue: {@code training.jobs{state}} (jobs currently held, by state),
 * {@code training.jobs.finished{outcome}} (counter), {@code training.epoch.duration} (timer),
 * {@code training.samples.per.second}, {@code training.loss.last{split=train|valid}}.
 */
final class JobMetrics {

  private final Map<JobState, Counter> finished = new EnumMap<>(JobState.class);
  private final Timer epochTimer;
  private final Value samplesPerSecond = new Value();
  private final Value trainLoss = new Value();
  private final Value validLoss = new Value();

  JobMetrics(MeterRegistry registry, ToLongFunction<JobState> countByState) {
    for (JobState s : JobState.values()) {
      String tag = s.name().toLowerCase(Locale.ROOT);
      Gauge.builder("training.jobs", () -> countByState.applyAsLong(s))
          .tag("state", tag)
          .description("Jobs held in memory, by state")
          .register(registry);
      if (s.finished()) {
        finished.put(
            s,
            Counter.builder("training.jobs.finished")
                .tag("outcome", tag)
                .description("Jobs that ended, by outcome")
                .register(registry));
      }
    }
    epochTimer =
        Timer.builder("training.epoch.duration").description("Wall time of one epoch").register(registry);
    Gauge.builder("training.samples.per.second", samplesPerSecond, Value::get)
        .description("Training throughput of the last epoch")
        .register(registry);
    Gauge.builder("training.loss.last", trainLoss, Value::get)
        .tag("split", "train")
        .description("Loss of the last epoch")
        .register(registry);
    Gauge.builder("training.loss.last", validLoss, Value::get)
        .tag("split", "valid")
        .description("Loss of the last epoch")
        .register(registry);
  }

  void epoch(Duration d, double trainLossValue, double validLossValue, double samplesPerSecondValue) {
    epochTimer.record(d);
    trainLoss.value = trainLossValue;
    validLoss.value = validLossValue;
    samplesPerSecond.value = samplesPerSecondValue;
  }

  void finished(JobState outcome) {
    finished.get(outcome).increment();
  }

  /** A gauge's current value; NaN until the first epoch. */
  private static final class Value {
    volatile double value = Double.NaN;

    double get() {
      return value;
    }
  }
}
