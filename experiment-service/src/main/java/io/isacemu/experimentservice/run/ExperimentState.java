package io.isacemu.experimentservice.run;

import io.isacemu.experiments.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One experiment as {@code experiment.json} holds it (and {@code GET /api/experiments/{id}} shows it).
 *
 * @param id its id, also its directory's name
 * @param name the scenario's name (the run's title, {@code run.json}'s {@code scenario})
 * @param status where it is
 * @param submittedAt when it was accepted
 * @param startedAt when it started running
 * @param finishedAt when it ended (any finished status)
 * @param reason why it FAILED or was CANCELLED
 * @param failures the failed points or modes of a PARTIAL run, each with its reason
 * @param progress points and tasks done of the total, tasks/s, ETA (live while RUNNING)
 */
public record ExperimentState(String id, String name, ExperimentStatus status, Instant submittedAt,
    Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<String> reason, List<Failure> failures,
    Progress.Snapshot progress) {

  /**
   * A failed point or mode.
   *
   * @param point the sweep point's index
   * @param mode the serving mode, {@code all} for the whole point
   * @param reason why
   */
  public record Failure(int point, String mode, String reason) {}

  public ExperimentState {
    failures = List.copyOf(failures);
  }

  static ExperimentState queued(String id, String name, Instant at, int points, long tasks) {
    return new ExperimentState(id, name, ExperimentStatus.QUEUED, at, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), new Progress.Snapshot(0, points, 0, tasks, 0, OptionalDouble.empty()));
  }

  ExperimentState started(Instant at) {
    return new ExperimentState(id, name, ExperimentStatus.RUNNING, submittedAt, Optional.of(at), finishedAt, reason,
        failures, progress);
  }

  ExperimentState ended(ExperimentStatus s, Instant at, Optional<String> why, List<Failure> failed,
      Progress.Snapshot last) {
    return new ExperimentState(id, name, s, submittedAt, startedAt, Optional.of(at), why, failed, last);
  }

  ExperimentState withProgress(Progress.Snapshot p) {
    return new ExperimentState(id, name, status, submittedAt, startedAt, finishedAt, reason, failures, p);
  }

  /** A state found unfinished at start-up: the process died under it, so never presented as complete. */
  ExperimentState interrupted(Instant at) {
    return ended(ExperimentStatus.FAILED, at, Optional.of("interrupted: experiment-service stopped while the experiment"
        + " was " + status + "; files in its directory may be partial"), failures, progress);
  }
}
