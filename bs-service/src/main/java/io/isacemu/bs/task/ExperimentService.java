package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ModelLease;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Runs the same test samples in several gate modes and tabulates them like Table I of the
 * reference work: rows V, A, T, V+A+T (the fixed experts the bundle has), dynamic fusion (full) and
 * dynamic fusion (on-demand).
 */
@Service
public class ExperimentService {

  /**
   * One row of the table.
   *
   * @param name row name ({@code V}, {@code T}, {@code V+A+T}, {@code dynamic fusion (full)}, ...)
   * @param mode gate mode label
   * @param taskId the task that produced it
   * @param status the task's status
   * @param reason the task's reason (empty when DONE)
   * @param samples samples served
   * @param acc2 binary accuracy, in [0, 1]
   * @param f1Weighted weighted binary F1, in [0, 1]
   * @param latencySeconds modelled task latency, emulated s
   * @param energyJ modelled device energy, J
   * @param bits modelled bits over the air
   * @param expertShares share of the served samples per expert
   */
  public record Row(
      String name, String mode, String taskId, TaskStatus status, String reason, int samples, double acc2,
      double f1Weighted, double latencySeconds, double energyJ, double bits, Map<String, Double> expertShares) {}

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final TaskService tasks;
  private final ModelHolder holder;
  private final int maxModes;

  ExperimentService(TaskService tasks, ModelHolder holder, BsProperties properties) {
    this.tasks = tasks;
    this.holder = holder;
    this.maxModes = properties.limits().maxExperimentModes();
  }

  /** The default modes: fixed V, A, T, V+A+T where the bundle has them, then full and on-demand. */
  public List<String> defaultModes() {
    List<String> modes = new ArrayList<>();
    try (ModelLease lease = holder.acquire().orElseThrow(
        () -> new IllegalStateException("no model in service: cannot run experiments yet"))) {
      List<ModalitySet> table = List.of(ModalitySet.of(Modality.VIDEO), ModalitySet.of(Modality.AUDIO),
          ModalitySet.of(Modality.TEXT), ModalitySet.all());
      for (ModalitySet s : table) {
        if (lease.model().indexOf(s) >= 0) {
          modes.add("fixed:" + s.name());
        }
      }
    }
    modes.add("full");
    modes.add("on-demand");
    return modes;
  }

  /**
   * Runs the first {@code samples} test samples once per mode (sequentially, so the modes do not
   * compete for bandwidth) and returns one row per mode.
   *
   * @param modes gate mode labels; empty = {@link #defaultModes()}
   * @throws IllegalArgumentException naming the field for an invalid count or mode
   */
  public List<Row> run(int samples, List<String> modes, Double deadlineSeconds, String objective) {
    List<String> chosen = modes == null || modes.isEmpty() ? defaultModes() : modes;
    if (chosen.size() > maxModes) {
      throw new IllegalArgumentException("modes: " + chosen.size() + " modes; an experiment runs at most " + maxModes
          + " (isac.bs.limits.max-experiment-modes)");
    }
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      try {
        requests.add(tasks.resolve(null, samples, chosen.get(i), deadlineSeconds, objective));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().startsWith("mode:")
            ? "modes[" + i + "]" + e.getMessage().substring(4) : e.getMessage(), e);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (TaskRequest r : requests) {
      TaskResult t = tasks.await(tasks.submit(r), TIMEOUT);
      List<SummaryRow> s = Summaries.of(List.of(t));
      SummaryRow all = s.isEmpty() ? null : s.get(0);
      rows.add(new Row(name(r.mode()), t.mode(), t.id(), t.status(), t.reason(),
          all == null ? 0 : all.samples(), all == null ? 0 : all.acc2(), all == null ? 0 : all.f1Weighted(),
          t.modelled().totalSeconds(), t.energyJ(), t.bits(), all == null ? Map.of() : all.expertShares()));
    }
    return rows;
  }

  private static String name(GateMode mode) {
    if (mode instanceof GateMode.Fixed f) {
      return f.expert().name();
    }
    return "dynamic fusion (" + mode.label() + ")";
  }
}
