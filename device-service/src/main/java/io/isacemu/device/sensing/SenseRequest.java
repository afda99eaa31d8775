package io.isacemu.device.sensing;

import io.isacemu.core.compute.ProcessingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sense command as received, NOT yet validated: {@link SensingService} checks it and answers a
 * malformed one with {@link SenseStatus#INVALID_COMMAND} instead of throwing.
 *
 * @param taskId task identifier (1..128 characters when valid)
 * @param commandId command identifier ({@code ≥ 1} when valid)
 * @param sampleIds requested sample ids, in answer order
 * @param sensingTimeS {@code T^s_k}, emulated s ({@code > 0} when valid)
 * @param bandwidthUnits {@code b_k} ({@code ≥ 1} when valid)
 * @param unitBandwidthHz {@code B_min}, Hz ({@code > 0} when valid)
 * @param processingMode LOCAL or OFFLOAD; empty when unspecified or unknown on the wire
 * @param deadlineS deadline after receipt, emulated s ({@code > 0} when valid)
 * @param timeScaleFactor wall seconds slept per modelled emulated second ({@code ≥ 0} when valid)
 * @param modelVersion LOCAL: bundle version whose encoder must run; empty when not given
 * @param encoderExpert LOCAL: expert whose encoder runs (e.g. {@code V+A+T}); empty when not given
 */
public record SenseRequest(
    String taskId,
    long commandId,
    List<String> sampleIds,
    double sensingTimeS,
    long bandwidthUnits,
    double unitBandwidthHz,
    Optional<ProcessingMode> processingMode,
    double deadlineS,
    double timeScaleFactor,
    String modelVersion,
    String encoderExpert) {

  /** A request that names no bundle version and no expert (OFFLOAD, or a fixed local encoder). */
  public SenseRequest(String taskId, long commandId, List<String> sampleIds, double sensingTimeS,
      long bandwidthUnits, double unitBandwidthHz, Optional<ProcessingMode> processingMode,
      double deadlineS, double timeScaleFactor) {
    this(taskId, commandId, sampleIds, sensingTimeS, bandwidthUnits, unitBandwidthHz, processingMode,
        deadlineS, timeScaleFactor, "", "");
  }

  public SenseRequest {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(encoderExpert, "encoderExpert");
    sampleIds = List.copyOf(sampleIds);
    Objects.requireNonNull(processingMode, "processingMode");
  }
}
