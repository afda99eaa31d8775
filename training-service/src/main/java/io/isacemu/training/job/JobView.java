package io.isacemu.training.job;

import io.isacemu.training.engine.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one job, as served by {@code GET /api/jobs/{id}}. Absent values are omitted from
 * the JSON.
 *
 * @param id job id, ≥ 1
 * @param state life-cycle state
 * @param queuePosition 1-based position among queued jobs, only while QUEUED
 * @param cancelRequested a cancel was requested while running; the job stops at its next progress
 * @param submittedAt submission instant
 * @param startedAt start of training
 * @param finishedAt end (success, failure, cancel)
 * @param preset preset name
 * @param experts stage I experts
 * @param gateExperts experts the gate chooses among
 * @param lambdas stage II cost weights λ
 * @param stage current stage
 * @param subject expert (stage I) or λ (stage II) being trained
 * @param epoch current epoch of the sub-run, 1-based
 * @param epochs planned epochs of the sub-run
 * @param completedEpochs epochs finished over the whole job
 * @param plannedEpochs epochs planned over the whole job (upper bound: early stopping)
 * @param lastTrainLoss training loss of the last epoch
 * @param lastValidLoss validation loss of the last epoch
 * @param validMetrics validation metrics of the last epoch
 * @param samplesPerSecond throughput of the last epoch, samples/s
 * @param etaSeconds estimated seconds left: mean epoch time × epochs left (upper bound)
 * @param messages progress notes, oldest first (bounded)
 * @param errorReason why the job failed or was cancelled
 * @param bundleVersion version of the published bundle (SUCCEEDED only)
 */
public record JobView(
    long id,
    JobState state,
    Optional<Integer> queuePosition,
    boolean cancelRequested,
    Instant submittedAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    String preset,
    List<String> experts,
    List<String> gateExperts,
    List<Double> lambdas,
    Optional<Stage> stage,
    Optional<String> subject,
    int epoch,
    int epochs,
    int completedEpochs,
    int plannedEpochs,
    Optional<Double> lastTrainLoss,
    Optional<Double> lastValidLoss,
    Map<String, Double> validMetrics,
    Optional<Double> samplesPerSecond,
    Optional<Double> etaSeconds,
    List<JobMessage> messages,
    Optional<String> errorReason,
    Optional<String> bundleVersion) {

  /** This view ended FAILED at {@code at} for {@code reason} (a job a restart could not resume). */
  JobView failed(String reason, Instant at) {
    List<JobMessage> notes = new java.util.ArrayList<>(messages);
    notes.add(new JobMessage(at, "failed: " + reason));
    return new JobView(id, JobState.FAILED, Optional.empty(), cancelRequested, submittedAt, startedAt,
        Optional.of(at), preset, experts, gateExperts, lambdas, stage, subject, epoch, epochs, completedEpochs,
        plannedEpochs, lastTrainLoss, lastValidLoss, validMetrics, samplesPerSecond, Optional.empty(), notes,
        Optional.of(reason), bundleVersion);
  }
}
