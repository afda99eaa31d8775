package io.isacemu.bs.task;

import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task's state and, once terminal, its results.
 *
 * @param id task id
 * @param mode gate mode label ({@code full}, {@code on-demand}, {@code fixed:T}, ...)
 * @param objective scheduler objective label
 * @param status status
 * @param reason why DEGRADED or FAILED; empty otherwise
 * @param modelVersion bundle version used
 * @param submittedAt when accepted
 * @param finishedAt when terminal
 * @param samples per sample its prediction, label and expert
 * @param devices per fetch round and device its allocation and outcome
 * @param modelled modelled latency (isac-core: sensing, eq. (5) uplink, MEC compute), emulated s
 * @param measured measured wall-clock latency, s
 * @param energyJ modelled device energy (uplink transmission + sensing + κ f_k² cycles of LOCAL encoding), J
 * @param bits modelled bits sent over the air (raw n_k per OFFLOAD sample, 32·d_model per LOCAL sample)
 */
public record TaskResult(
    String id,
    String mode,
    String objective,
    TaskStatus status,
    String reason,
    Optional<String> modelVersion,
    Instant submittedAt,
    Optional<Instant> finishedAt,
    List<SampleOutcome> samples,
    List<DeviceRound> devices,
    Latency modelled,
    MeasuredLatency measured,
    double energyJ,
    double bits) {

  public TaskResult {
    samples = List.copyOf(samples);
    devices = List.copyOf(devices);
  }

  /** A task not yet run. */
  static TaskResult pending(String id, TaskRequest r, TaskStatus status, Instant submittedAt) {
    return new TaskResult(id, r.mode().label(), r.objective().label(), status, "", Optional.empty(),
        submittedAt, Optional.empty(), List.of(), List.of(), Latency.ZERO, MeasuredLatency.ZERO, 0, 0);
  }

  /** This task, now RUNNING. */
  TaskResult running() {
    return new TaskResult(id, mode, objective, TaskStatus.RUNNING, "", Optional.empty(), submittedAt, Optional.empty(),
        List.of(), List.of(), Latency.ZERO, MeasuredLatency.ZERO, 0, 0);
  }

  /** This task, ended FAILED at {@code at} for {@code why} without results (kept: its model version). */
  TaskResult failed(String why, Instant at) {
    return new TaskResult(id, mode, objective, TaskStatus.FAILED, why, modelVersion, submittedAt, Optional.of(at),
        List.of(), List.of(), Latency.ZERO, MeasuredLatency.ZERO, 0, 0);
  }

  /** This task, ended at {@code at} with the engine's outcome. */
  TaskResult finished(TaskEngine.Outcome o, Instant at) {
    return new TaskResult(id, mode, objective, o.status(), o.reason(), o.modelVersion(), submittedAt, Optional.of(at),
        o.samples(), o.devices(), o.modelled(), o.measured(), o.energyJ(), o.bits());
  }

  /**
   * One sample's outcome.
   *
   * @param sampleId test-split id
   * @param label ground-truth sentiment in [−3, 3]
   * @param prediction the expert's output (sentiment, or a logit for BCE bundles); empty when the
   *     sample could not be served
   * @param expert the expert that ran; empty when none could
   * @param intended the expert the mode/gate chose; empty when the gate could not run
   * @param degraded true when a smaller expert ran (or none) because modalities were missing
   */
  public record SampleOutcome(
      String sampleId, float label, Optional<Float> prediction, Optional<String> expert,
      Optional<String> intended, boolean degraded) {

    /** True when an expert ran. */
    public boolean served() {
      return prediction.isPresent();
    }
  }

  /**
   * One device in one fetch round.
   *
   * @param round 1-based fetch round
   * @param deviceId device
   * @param modality its modality
   * @param samples samples asked for
   * @param units b_k
   * @param bandwidthHz B_k = b_k B_min, Hz
   * @param rateBps R_k, eq. (5), bit/s
   * @param mode processing mode the scheduler chose (LOCAL: the device ran the expert's encoder;
   *     a LOCAL entry with 0 delivered and outcome LOCAL_UNAVAILABLE is a refusal, followed by the
   *     OFFLOAD re-fetch on the same units)
   * @param bits modelled bits: OFFLOAD {@code samples · m_k · T^s}, LOCAL {@code samples · 32 · d_model}
   * @param modelledSeconds modelled sensing + on-device encoding (LOCAL: cycles / f_k) + upload, emulated s
   * @param energyJ modelled energy, J
   * @param delivered samples delivered in time
   * @param outcome OK, or the device's status / LOST / TIMEOUT with details
   * @param deviceReportedEnergyJ energy the device reported for the command, J (0 if none)
   * @param deviceEncodeWallSeconds wall seconds the device reported running its encoder (LOCAL;
   *     measured, not modelled), 0 otherwise
   */
  public record DeviceRound(
      int round, String deviceId, Modality modality, int samples, int units, double bandwidthHz,
      double rateBps, ProcessingMode mode, double bits, double modelledSeconds, double energyJ,
      int delivered, String outcome, double deviceReportedEnergyJ, double deviceEncodeWallSeconds) {}

  /**
   * Modelled latency breakdown, emulated s.
   *
   * @param sensingSeconds Σ over rounds of the sensing time
   * @param commSeconds Σ over rounds of the slowest device's upload time (plus its on-device encoding
   *     for LOCAL)
   * @param computeSeconds MEC compute (gate + chosen experts, minus the encoders run on devices), s
   * @param totalSeconds sensing + comm + compute
   */
  public record Latency(double sensingSeconds, double commSeconds, double computeSeconds, double totalSeconds) {
    static final Latency ZERO = new Latency(0, 0, 0, 0);
  }

  /**
   * Measured wall-clock latency, s.
   *
   * @param fetchSeconds from the first SenseCommand to the last answer, summed over rounds
   * @param computeSeconds inference (gate + experts)
   * @param totalSeconds from start to end of the run
   */
  public record MeasuredLatency(double fetchSeconds, double computeSeconds, double totalSeconds) {
    static final MeasuredLatency ZERO = new MeasuredLatency(0, 0, 0);
  }
}
