package io.isacemu.bs.api;

import io.isacemu.support.NotFoundException;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.task.TaskRequest;
import io.isacemu.bs.task.TaskResult;
import io.isacemu.bs.task.TaskService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sensing-and-inference tasks. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

  /**
   * A task request.
   *
   * @param sampleIds test-split sample ids (or give {@code count})
   * @param count the first {@code count} test samples (or give {@code sampleIds})
   * @param mode {@code full}, {@code on-demand} or {@code fixed:<expert>}
   * @param deadlineSeconds per fetch round, emulated s (default isac.bs.default-deadline-seconds)
   * @param objective {@code latency} (default) or {@code energy}
   */
  record TaskBody(
      @Size(min = 1, max = 100000) List<String> sampleIds,
      @Positive Integer count,
      @NotBlank String mode,
      @Positive Double deadlineSeconds,
      String objective) {}

  /** Answer to a submission. */
  record Accepted(String id, String status, String location) {}

  private final TaskService tasks;
  private final BsProperties properties;

  TaskController(TaskService tasks, BsProperties properties) {
    this.tasks = tasks;
    this.properties = properties;
  }

  @Operation(summary = "Submit a task (needs X-Api-Key); 202 with its id")
  @PostMapping
  ResponseEntity<Accepted> submit(@Valid @RequestBody TaskBody body) {
    TaskRequest r = tasks.resolve(body.sampleIds(), body.count(), body.mode(), body.deadlineSeconds(), body.objective());
    String id = tasks.submit(r);
    String location = "/api/tasks/" + id;
    return ResponseEntity.accepted().location(URI.create(location)).body(new Accepted(id, "PENDING", location));
  }

  /** The longest long poll: a client holds one request thread at most this long. */
  static final long MAX_WAIT_MS = 10_000;
  /** Long polls waiting at once; past it a GET answers at once (a plain poll), so waiters never take every thread. */
  static final int MAX_WAITERS = 32;

  private final java.util.concurrent.Semaphore waiters = new java.util.concurrent.Semaphore(MAX_WAITERS);

  @Operation(summary = "A task's state and results; 404 for an unknown id. waitMs (default 0, at most 10000): "
      + "answer as soon as the task is terminal, or after waitMs with its state then (at once when " + MAX_WAITERS
      + " long polls are already waiting)")
  @GetMapping("/{id}")
  TaskResult get(@PathVariable String id, @RequestParam(defaultValue = "0") long waitMs) {
    if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
      throw io.isacemu.core.validation.InvalidFieldException.rejected("waitMs", waitMs, "is outside [0, " + MAX_WAIT_MS + "]");
    }
    Optional<TaskResult> t;
    if (waitMs > 0 && waiters.tryAcquire()) {
      try {
        t = tasks.get(id, Duration.ofMillis(waitMs));
      } finally {
        waiters.release();
      }
    } else {
      t = tasks.get(id);
    }
    return t.orElseThrow(() -> new NotFoundException("task '" + id + "' not found"));
  }

  @Operation(summary = "Kept tasks, oldest first, one page: offset (default 0), limit (default 100, at most "
      + "isac.bs.limits.max-page-size); X-Total-Count gives the number kept")
  @GetMapping
  ResponseEntity<List<TaskResult>> page(@RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    return PageRequest.respond(offset, limit, properties.limits().maxPageSize(), tasks.size(), tasks::page);
  }
}
