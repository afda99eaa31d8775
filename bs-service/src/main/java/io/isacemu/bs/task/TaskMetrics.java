package io.isacemu.bs.task;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of finished tasks: {@code bs.task.latency} (measured wall) and {@code
 * bs.task.latency.modelled} timers per mode × expert, {@code bs.expert.usage} samples per mode ×
 * expert, {@code bs.task.bits} and {@code bs.task.energy} per mode, {@code bs.tasks} per mode ×
 * status, {@code bs.tasks.refused} (429s), the gauge {@code bs.tasks.in.flight} and the per-phase
 * wall timers {@code bs.task.phase} ({@link TaskPhases}).
 */
@Component
public class TaskMetrics {

  private final MeterRegistry meters;
  private final Counter refused;
  private final TaskPhases phases;

  public TaskMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.refused = Counter.builder("bs.tasks.refused").tag("reason", "overload")
        .description("task submissions answered 429: max-tasks-in-flight reached").register(meters);
    this.phases = TaskPhases.registered(meters);
  }

  /** The {@code bs.task.phase} timers. */
  TaskPhases phases() {
    return phases;
  }

  void refused() {
    refused.increment();
  }

  /** Submissions refused with 429 since start (the {@code bs.tasks.refused} counter). */
  public long refusedCount() {
    return (long) refused.count();
  }

  /** Registers {@code bs.tasks.in.flight}: accepted tasks not yet terminal. */
  void inFlight(java.util.function.IntSupplier inFlight) {
    io.micrometer.core.instrument.Gauge.builder("bs.tasks.in.flight", inFlight::getAsInt)
        .description("accepted tasks not yet terminal (PENDING + RUNNING)").register(meters);
  }

  void record(TaskResult t) {
    Counter.builder("bs.tasks").tag("mode", t.mode()).tag("status", t.status().name()).register(meters).increment();
    Map<String, Integer> perExpert = new TreeMap<>();
    for (TaskResult.SampleOutcome s : t.samples()) {
      s.expert().ifPresent(e -> perExpert.merge(e, 1, Integer::sum));
    }
    perExpert.forEach((expert, n) -> {
      Counter.builder("bs.expert.usage").tag("mode", t.mode()).tag("expert", expert).register(meters).increment(n);
      Timer.builder("bs.task.latency").tag("mode", t.mode()).tag("expert", expert).register(meters)
          .record(Duration.ofNanos((long) (t.measured().totalSeconds() * 1e9)));
      Timer.builder("bs.task.latency.modelled").tag("mode", t.mode()).tag("expert", expert).register(meters)
          .record(Duration.ofNanos((long) (t.modelled().totalSeconds() * 1e9)));
    });
    DistributionSummary.builder("bs.task.bits").baseUnit("bits").tag("mode", t.mode()).register(meters).record(t.bits());
    DistributionSummary.builder("bs.task.energy").baseUnit("joules").tag("mode", t.mode()).register(meters).record(t.energyJ());
  }
}
