package io.isacemu.bs.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One experiment: the first {@code samples} test samples run once per mode, one mode after the
 * other, tabulated like Table I. Its record is rewritten after every mode, so after a crash it
 * still shows the rows it had finished.
 *
 * @param id {@code e-<n>}, never reused (a database sequence)
 * @param state where it is
 * @param reason why it FAILED; empty otherwise
 * @param samples test samples per mode, ≥ 1
 * @param modes mode labels in run order
 * @param deadlineSeconds deadline per fetch round, emulated s, &gt; 0
 * @param objective {@code latency} or {@code energy}
 * @param submittedAt when it was accepted
 * @param finishedAt when it ended (DONE or FAILED); empty before
 * @param taskIds the task of each mode started so far, in mode order
 * @param rows one row per finished mode, in mode order
 */
public record Experiment(
    String id, State state, String reason, int samples, List<String> modes, double deadlineSeconds,
    String objective, Instant submittedAt, Optional<Instant> finishedAt, List<String> taskIds, List<Row> rows) {

  /** Where an experiment is. */
  public enum State {
    /** Accepted, waiting for the experiment before it to end. */
    QUEUED,
    /** Its modes are running. */
    RUNNING,
    /** Every mode ran; {@code rows} holds one row per mode (a row's task may itself have FAILED). */
    DONE,
    /** It ended early ({@code reason}); {@code rows} holds the modes it finished. */
    FAILED;

    public boolean terminal() {
      return this == DONE || this == FAILED;
    }
  }

  /**
   * One row of the table.
   *
   * @param name row name ({@code V}, {@code T}, {@code V+A+T}, {@code dynamic fusion (full)}, ...)
   * @param mode gate mode label
   * @param taskId the task that produced it
   * @param status the task's status
   * @param reason the task's reason (empty when DONE)
   * @param modelVersion the bundle the task ran on; empty when it ran on none
   * @param samples samples served
   * @param acc2 binary accuracy, in [0, 1]
   * @param f1Weighted weighted binary F1, in [0, 1]
   * @param latencySeconds modelled task latency, emulated s
   * @param energyJ modelled device energy, J
   * @param bits modelled bits over the air
   * @param expertShares share of the served samples per expert
   */
  public record Row(
      String name, String mode, String taskId, TaskStatus status, String reason, String modelVersion, int samples,
      double acc2,
      double f1Weighted, double latencySeconds, double energyJ, double bits, Map<String, Double> expertShares) {

    /** The row of mode {@code mode} from its finished task {@code t} (Table I's names: {@code T}, {@code dynamic fusion (full)}). */
    static Row of(TaskMode mode, TaskResult t) {
      List<SummaryRow> s = Summaries.of(List.of(t));
      Optional<SummaryRow> all = s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
      String name = mode instanceof TaskMode.Fixed f ? f.expert().name() : "dynamic fusion (" + mode.label() + ")";
      return new Row(name, t.mode(), t.id(), t.status(), t.reason(), t.modelVersion().orElse(""),
          all.map(SummaryRow::samples).orElse(0), all.map(SummaryRow::acc2).orElse(0.0),
          all.map(SummaryRow::f1Weighted).orElse(0.0), t.modelled().totalSeconds(), t.energyJ(), t.bits(),
          all.map(SummaryRow::expertShares).orElse(Map.of()));
    }
  }

  public Experiment {
    reason = reason == null ? "" : reason;
    modes = List.copyOf(modes);
    taskIds = List.copyOf(taskIds);
    rows = List.copyOf(rows);
    finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
  }

  /** Modes finished, in [0, modes.size()]. */
  public int modesDone() {
    return rows.size();
  }

  Experiment withState(State s, String why, Optional<Instant> at) {
    return new Experiment(id, s, why, samples, modes, deadlineSeconds, objective, submittedAt, at, taskIds, rows);
  }

  Experiment withTask(String taskId) {
    List<String> ids = new ArrayList<>(taskIds);
    ids.add(taskId);
    return new Experiment(id, state, reason, samples, modes, deadlineSeconds, objective, submittedAt, finishedAt, ids,
        rows);
  }

  Experiment withRow(Row row) {
    List<Row> all = new ArrayList<>(rows);
    all.add(row);
    return new Experiment(id, state, reason, samples, modes, deadlineSeconds, objective, submittedAt, finishedAt,
        taskIds, all);
  }
}
