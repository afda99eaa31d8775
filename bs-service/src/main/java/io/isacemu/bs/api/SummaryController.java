package io.isacemu.bs.api;

import io.isacemu.bs.task.Summaries;
import io.isacemu.bs.task.SummaryRow;
import io.isacemu.bs.task.TaskService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Aggregates of the finished tasks. */
@RestController
@RequestMapping("/api")
class SummaryController {

  private final TaskService tasks;

  SummaryController(TaskService tasks) {
    this.tasks = tasks;
  }

  @Operation(summary = "Per mode x expert aggregates of the finished (DONE/DEGRADED) tasks")
  @GetMapping("/summary")
  List<SummaryRow> summary() {
    return Summaries.of(tasks.finished());
  }
}
