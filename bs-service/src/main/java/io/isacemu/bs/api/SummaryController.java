package io.isacemu.bs.api;

import io.isacemu.bs.task.ExperimentService;
import io.isacemu.bs.task.Summaries;
import io.isacemu.bs.task.SummaryRow;
import io.isacemu.bs.task.TaskService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Aggregates and experiments. */
@RestController
@RequestMapping("/api")
class SummaryController {

  /**
   * An experiment: the first {@code samples} test samples in each mode.
   *
   * @param samples test samples per mode, ≥ 1
   * @param modes gate modes; empty or absent = V, A, T, V+A+T (those in the bundle), full, on-demand
   * @param deadlineSeconds per fetch round, emulated s
   * @param objective {@code latency} (default) or {@code energy}
   */
  record ExperimentBody(@NotNull @Positive Integer samples, List<String> modes, @Positive Double deadlineSeconds,
      String objective) {}

  private final TaskService tasks;
  private final ExperimentService experiments;

  SummaryController(TaskService tasks, ExperimentService experiments) {
    this.tasks = tasks;
    this.experiments = experiments;
  }

  @Operation(summary = "Per mode x expert aggregates of the finished (DONE/DEGRADED) tasks")
  @GetMapping("/summary")
  List<SummaryRow> summary() {
    return Summaries.of(tasks.finished());
  }

  @Operation(summary = "Run N test samples in every mode and return the Table I rows (needs X-Api-Key)")
  @PostMapping("/experiments")
  List<ExperimentService.Row> experiment(@Valid @RequestBody ExperimentBody body) {
    return experiments.run(body.samples(), body.modes(), body.deadlineSeconds(), body.objective());
  }
}
