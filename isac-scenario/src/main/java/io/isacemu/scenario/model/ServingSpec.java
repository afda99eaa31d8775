package io.isacemu.scenario.model;

import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Section {@code serving}: how every sweep point is measured at the BS.
 *
 * @param modes gate modes run in order, each {@code fixed:<experts>} (e.g. {@code fixed:V+A+T}, the
 *     expert one of {@code training.experts}), {@code full} or {@code on-demand}, distinct, at least
 *     one; default {@code [fixed:V, fixed:A, fixed:T, fixed:V+A+T, full, on-demand]} (DemoLauncher.MODES)
 * @param processing where encoders run: {@code offload}, {@code local} or {@code auto} (the scheduler
 *     picks per device); default {@code auto} ({@code isac.bs.processing})
 * @param objective scheduler objective, {@code latency} or {@code energy}; default {@code latency}
 *     (a task without one)
 * @param deadlineSeconds deadline per fetch round, emulated s, in (0, 3600]; default 10
 *     ({@code isac.bs.default-deadline-seconds})
 * @param sensingSeconds {@code T^s} per sample, emulated s, in (0, 3600]; default 0.1
 *     ({@code isac.bs.sensing-seconds})
 * @param samplesPerPoint test samples per mode and point, in [1, 1e6], ≤ {@code dataset.testSize}
 *     when synthetic; default 200 (DemoLauncher {@code --samples})
 * @param samplesPerTask samples per task, in [1, 10000]; default 1 (DemoLauncher: one sample per task)
 * @param tasksInFlight tasks submitted and not yet finished, in [1, 256]; default 256 (DemoLauncher
 *     submits a mode's tasks at once; {@code isac.bs.limits.max-tasks-in-flight} caps it)
 * @param timeScale wall seconds per emulated second, in [0, 1000], 0 = as fast as possible; default
 *     0.01 ({@code isac.bs.time-scale-factor}, which the BS sends to the devices)
 */
public record ServingSpec(
    List<String> modes, Processing processing, Objective objective, double deadlineSeconds, double sensingSeconds,
    int samplesPerPoint, int samplesPerTask, int tasksInFlight, double timeScale) {

  /** {@link ProcessingMode} plus {@code auto}. */
  public enum Processing {
    OFFLOAD, LOCAL, AUTO;

    /** The forced mode; empty for {@code auto}. */
    public Optional<ProcessingMode> forced() {
      return this == AUTO ? Optional.empty() : Optional.of(ProcessingMode.valueOf(name()));
    }
  }

  /** The BS scheduler's objectives (bs-service {@code Objective}: a service type). */
  public enum Objective { LATENCY, ENERGY }

  /** Today's demo. */
  public static final ServingSpec DEFAULTS = new ServingSpec(
      List.of("fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand"), Processing.AUTO,
      Objective.LATENCY, 10.0, 0.1, 200, 1, 256, 0.01);

  public ServingSpec {
    modes = List.copyOf(Check.present("modes", modes));
    if (modes.isEmpty()) {
      throw new InvalidFieldException("modes", modes, "[] must hold at least one mode");
    }
    for (int i = 0; i < modes.size(); i++) {
      Optional<String> bad = modeProblem(modes.get(i));
      if (bad.isPresent()) {
        throw new InvalidFieldException("modes[" + i + "]", modes.get(i), bad.get());
      }
    }
    if (new HashSet<>(modes).size() != modes.size()) {
      throw new InvalidFieldException("modes", modes, modes + " contains a duplicate");
    }
    Check.present("processing", processing);
    Check.present("objective", objective);
    Limits.DEADLINE_S.check("deadlineSeconds", deadlineSeconds);
    Limits.SENSING_S.check("sensingSeconds", sensingSeconds);
    Limits.SAMPLES_PER_POINT.check("samplesPerPoint", samplesPerPoint);
    Limits.SAMPLES_PER_TASK.check("samplesPerTask", samplesPerTask);
    Limits.TASKS_IN_FLIGHT.check("tasksInFlight", tasksInFlight);
    Limits.TIME_SCALE.check("timeScale", timeScale);
  }

  /** The expert of a {@code fixed:} mode. */
  public static Optional<ModalitySet> fixedExpert(String mode) {
    if (!mode.startsWith("fixed:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(ModalitySet.parse(mode.substring("fixed:".length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Why {@code mode} is not a mode; empty when it is. */
  public static Optional<String> modeProblem(String mode) {
    if (mode.equals("full") || mode.equals("on-demand") || fixedExpert(mode).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("'" + mode + "' is not a mode (fixed:<experts> such as fixed:T, full, on-demand)");
  }
}
