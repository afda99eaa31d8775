package io.isacemu.bs.api;

import io.isacemu.support.NotFoundException;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.task.Experiment;
import io.isacemu.bs.task.ExperimentService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Experiments: Table I over N test samples, run in the background and stored. */
@RestController
@RequestMapping("/api/experiments")
class ExperimentController {

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

  /** Answer to a submission. */
  record Accepted(String id, String state, List<String> modes, String location) {}

  private final ExperimentService experiments;
  private final BsProperties properties;

  ExperimentController(ExperimentService experiments, BsProperties properties) {
    this.experiments = experiments;
    this.properties = properties;
  }

  @Operation(summary = "Start an experiment (needs X-Api-Key): N test samples in every mode; 202 with its id. "
      + "Poll GET /api/experiments/{id} until its state is DONE or FAILED; its rows are the Table I rows")
  @PostMapping
  ResponseEntity<Accepted> start(@Valid @RequestBody ExperimentBody body) {
    Experiment e = experiments.start(body.samples(), body.modes(), body.deadlineSeconds(), body.objective());
    String location = "/api/experiments/" + e.id();
    return ResponseEntity.accepted().location(URI.create(location))
        .body(new Accepted(e.id(), e.state().name(), e.modes(), location));
  }

  @Operation(summary = "An experiment's state, its tasks and the rows of the modes it finished; 404 for an unknown id")
  @GetMapping("/{id}")
  Experiment get(@PathVariable String id) {
    return experiments.get(id).orElseThrow(() -> new NotFoundException("experiment '" + id + "' not found"));
  }

  @Operation(summary = "Stored experiments, oldest first, one page: offset (default 0), limit (default 100, at "
      + "most isac.bs.limits.max-page-size); X-Total-Count gives the number stored")
  @GetMapping
  ResponseEntity<List<Experiment>> page(@RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    return PageRequest.respond(offset, limit, properties.limits().maxPageSize(), experiments.size(), experiments::page);
  }
}
