package io.isacemu.bs.task;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.ModalitySet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The terminal part of a task from what its run decided: per sample its label, prediction, expert
 * and whether it degraded; the status DONE (all served as chosen), DEGRADED (some fell back or were
 * unserved) or FAILED (none served), always with a reason when not DONE. Stateless.
 */
final class OutcomeAssembler {

  private OutcomeAssembler() {}

  /**
   * Per sample {@code i}: served by {@code run[i]} (-1 = unserved), intended {@code intended[i]} (-1
   * = the gate could not run); {@code predictions} hold the served samples' predictions in order.
   */
  static List<TaskResult.SampleOutcome> samples(DatasetCatalog catalog, List<ModalitySet> experts, List<String> ids,
      int[] intended, int[] run, float[] predictions) {
    List<TaskResult.SampleOutcome> samples = new ArrayList<>(ids.size());
    int k = 0;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      float label = catalog.label(id).orElseThrow();
      Optional<String> intendedName = intended[i] >= 0 ? Optional.of(experts.get(intended[i]).name()) : Optional.empty();
      if (run[i] >= 0) {
        samples.add(new TaskResult.SampleOutcome(id, label, Optional.of(predictions[k++]),
            Optional.of(experts.get(run[i]).name()), intendedName, run[i] != intended[i]));
      } else {
        samples.add(new TaskResult.SampleOutcome(id, label, Optional.empty(), Optional.empty(), intendedName, true));
      }
    }
    return samples;
  }

  /**
   * The status and its reason.
   *
   * @param served samples served, in [0, n]
   * @param degraded samples not served by their intended expert, in [0, n]
   * @param problems what went wrong on the way, in order
   */
  static TaskEngine.Outcome outcome(String modelVersion, List<TaskResult.SampleOutcome> samples, int served,
      int degraded, Collection<String> problems, List<TaskResult.DeviceRound> devices, TaskResult.Latency modelled,
      TaskResult.MeasuredLatency measured, double energyJ, double bits) {
    int n = samples.size();
    TaskStatus status;
    String reason;
    if (served == 0) {
      status = TaskStatus.FAILED;
      reason = "no sample could be served: " + (problems.isEmpty() ? "no expert fits the modalities at hand"
          : String.join("; ", problems));
    } else if (degraded > 0) {
      status = TaskStatus.DEGRADED;
      reason = degraded + " of " + n + " samples degraded (" + (n - served) + " unserved): "
          + String.join("; ", problems);
    } else {
      status = TaskStatus.DONE;
      reason = "";
    }
    return new TaskEngine.Outcome(status, reason, Optional.of(modelVersion), samples, devices, modelled, measured,
        energyJ, bits);
  }
}
