package io.isacemu.experiments;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * A sweep's progress: points done of the total, tasks per second since the first task was
 * submitted (training time left out) and the ETA of the remaining tasks at that rate. Thread-safe;
 * time from an injected nanosecond ticker.
 */
public final class Progress {

  private final int points;
  private final long tasks;
  private final LongSupplier nanos;
  private long started = -1;
  private int pointsDone;
  private long tasksDone;

  /**
   * @param points sweep points × replications to run
   * @param tasks tasks over the whole run
   */
  Progress(int points, long tasks, LongSupplier nanos) {
    this.points = points;
    this.tasks = tasks;
    this.nanos = nanos;
  }

  /** The tasks start now (the first call counts; later ones do nothing). */
  synchronized void tasksStarting() {
    if (started < 0) {
      started = nanos.getAsLong();
    }
  }

  synchronized void taskDone() {
    tasksDone++;
  }

  /** A point's replication finished, or was given up (its tasks then count as done). */
  synchronized void pointDone(long tasksSkipped) {
    pointsDone++;
    tasksDone += tasksSkipped;
  }

  synchronized long tasksDone() {
    return tasksDone;
  }

  /** Tasks per second since the first task; 0 before it. */
  synchronized double tasksPerSecond() {
    double s = started < 0 ? 0 : (nanos.getAsLong() - started) / 1e9;
    return s > 0 ? tasksDone / s : 0;
  }

  /**
   * The progress at one instant.
   *
   * @param pointsDone sweep points × replications finished or given up
   * @param points sweep points × replications to run
   * @param tasksDone tasks finished (or skipped with a failed point)
   * @param tasks tasks over the whole run
   * @param tasksPerSecond since the first task; 0 before it
   * @param etaSeconds the remaining tasks at that rate, s; empty before the first task
   */
  public record Snapshot(int pointsDone, int points, long tasksDone, long tasks, double tasksPerSecond,
      OptionalDouble etaSeconds) {}

  public synchronized Snapshot snapshot() {
    double rate = tasksPerSecond();
    return new Snapshot(pointsDone, points, tasksDone, tasks, rate,
        rate > 0 ? OptionalDouble.of((tasks - tasksDone) / rate) : OptionalDouble.empty());
  }

  /** E.g. {@code points 2/6, tasks 480/1200, 35.2 tasks/s, ETA 20 s}; the ETA is {@code ?} before the first task. */
  public synchronized String line() {
    double rate = tasksPerSecond();
    String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (tasks - tasksDone) / rate) : "?";
    return String.format(Locale.ROOT, "points %d/%d, tasks %d/%d, %.1f tasks/s, ETA %s", pointsDone, points,
        tasksDone, tasks, rate, eta);
  }
}
