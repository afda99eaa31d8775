package io.isacemu.bs.task;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a task's wall time goes: one Micrometer timer {@code bs.task.phase{phase=…}} per {@link
 * Phase}, summed over every task (ScenarioSpeedBenchmark reads them from {@code
 * /actuator/prometheus} and divides by the tasks run). The timers are made once: recording is an
 * add, not a registry lookup.
 */
public final class TaskPhases {

  /** The parts of a task's path through the BS. */
  public enum Phase {
    /** accepted (PENDING) until a worker takes it */
    QUEUE,
    /** emulated time: the devices' states at the round's time (gRPC), for ranking and the gate */
    STATE_QUERY,
    /** the round's spectrum reservation and the scheduler's solve */
    SCHEDULE,
    /** SenseCommands out and their results back (gRPC to devices) */
    SENSE,
    /** the gate (DJL) */
    GATE,
    /** the experts (DJL) */
    INFERENCE,
    /** task store writes (H2) */
    STORE,
    /** the finished task's metrics and log line */
    RECORD,
    /** the worker's whole run of the task, from RUNNING to terminal */
    RUN;

    String tag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final TaskPhases NONE = new TaskPhases(Map.of());

  private final Map<Phase, Timer> timers;

  private TaskPhases(Map<Phase, Timer> timers) {
    this.timers = timers;
  }

  /** Registers the timers in {@code meters}. */
  static TaskPhases registered(MeterRegistry meters) {
    Map<Phase, Timer> t = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      t.put(p, Timer.builder("bs.task.phase").tag("phase", p.tag())
          .description("wall time of tasks in one phase of the BS's task path, summed over tasks").register(meters));
    }
    return new TaskPhases(t);
  }

  /** Records nothing (unit tests that wire the engine by hand). */
  static TaskPhases none() {
    return NONE;
  }

  void record(Phase phase, long nanos) {
    Timer t = timers.get(phase);
    if (t != null) {
      t.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
  }
}
