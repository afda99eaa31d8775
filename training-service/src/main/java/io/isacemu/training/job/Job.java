package io.isacemu.training.job;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.training.engine.JobSpec;
import io.isacemu.training.engine.Stage;
import io.isacemu.training.engine.TrainingOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mutable state of one job; every access is guarded by the owning {@link JobService}'s lock. */
final class Job {

  final long id;
  final JobSpec spec;
  final Instant submittedAt;
  private final int maxMessages;

  JobState state = JobState.QUEUED;
  boolean cancelRequested;
  Instant startedAt;
  Instant finishedAt;
  Stage stage;
  String subject;
  int epoch;
  int epochs;
  /** Epochs completed over the whole job, those restored from checkpoints after a restart included. */
  int completedEpochs;
  /** Epochs trained (and timed) by this process, for the ETA's mean epoch time. */
  int timedEpochs;
  double epochSecondsTotal;
  Instant lastMark;
  Double lastTrainLoss;
  Double lastValidLoss;
  Map<String, Double> validMetrics = Map.of();
  Double samplesPerSecond;
  String errorReason;
  TrainingOutcome outcome;
  String bundleVersion;
  /** The REST body the job was submitted with, if any (to resume it after a restart). */
  Optional<JobRequest> request = Optional.empty();
  private final Deque<JobMessage> messages = new ArrayDeque<>();

  Job(long id, JobSpec spec, Instant submittedAt, int maxMessages) {
    this.id = id;
    this.spec = spec;
    this.submittedAt = submittedAt;
    this.maxMessages = maxMessages;
  }

  void message(Instant at, String text) {
    messages.addLast(new JobMessage(at, text));
    while (messages.size() > maxMessages) {
      messages.removeFirst();
    }
  }

  /** The metadata a SUCCEEDED job publishes with its bundle (manifest {@code metadata}). */
  Map<String, Object> bundleMetadata(TrainingOutcome outcome) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.putAll(Map.of(
        "jobId", id,
        "datasetFingerprint", outcome.datasetFingerprint(),
        "costMetric", spec.costMetric().name(),
        "gates", spec.gates().stream().map(io.isacemu.learning.GateMode::wireName).toList(),
        "networkState", spec.networkState(),
        "lambdas", spec.lambdas(),
        "seed", spec.seed(),
        "results", outcome.rows(),
        "deployRule", spec.deploy().wire()));
    outcome.deployment().ifPresent(d -> m.put("deployment", d));
    return m;
  }

  /** Records a finished epoch's time; returns its duration (time since the previous mark). */
  Duration epochDone(Instant now) {
    Duration d = Duration.between(lastMark, now);
    lastMark = now;
    timedEpochs++;
    epochSecondsTotal += d.toNanos() / 1e9;
    return d;
  }

  /** Mean epoch time (of those trained here) × epochs left; empty before the first epoch or when not running. */
  Optional<Double> etaSeconds() {
    if (state != JobState.RUNNING || timedEpochs == 0) {
      return Optional.empty();
    }
    int left = Math.max(0, spec.plannedEpochs() - completedEpochs);
    return Optional.of(epochSecondsTotal / timedEpochs * left);
  }

  JobView view(Optional<Integer> queuePosition) {
    return new JobView(
        id,
        state,
        queuePosition,
        cancelRequested,
        submittedAt,
        Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt),
        spec.preset().wireName(),
        names(spec.experts()),
        names(spec.gateExperts()),
        spec.lambdas(),
        Optional.ofNullable(stage),
        Optional.ofNullable(subject),
        epoch,
        epochs,
        completedEpochs,
        spec.plannedEpochs(),
        Optional.ofNullable(lastTrainLoss),
        Optional.ofNullable(lastValidLoss),
        Map.copyOf(validMetrics),
        Optional.ofNullable(samplesPerSecond),
        etaSeconds(),
        List.copyOf(messages),
        Optional.ofNullable(errorReason),
        Optional.ofNullable(bundleVersion));
  }

  static List<String> names(List<ModalitySet> sets) {
    return sets.stream().map(ModalitySet::name).toList();
  }
}
