package io.isacemu.training.job;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.training.TrainingProperties;
import io.isacemu.training.engine.JobSpec;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** REST API of training jobs. */
@RestController
@RequestMapping("/api/jobs")
class JobController {

  static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final JobService jobs;
  private final TrainingProperties properties;

  JobController(JobService jobs, TrainingProperties properties) {
    this.jobs = jobs;
    this.properties = properties;
  }

  @Operation(summary = "Submit a training job (omitted fields take defaults); 202 + Location")
  @PostMapping
  ResponseEntity<JobView> submit(@RequestBody(required = false) JobRequest request) {
    JobRequest r =
        request == null
            ? new JobRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)
            : request;
    JobSpec spec = r.toSpec(properties.defaultPreset(), DataDirectory.at(properties.dataDir()));
    properties.limits().check(spec);
    JobView view = jobs.submit(spec, java.util.Optional.of(r));
    URI location =
        ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(view.id()).toUri();
    return ResponseEntity.accepted().location(location).body(view);
  }

  @Operation(summary = "List jobs held in memory, in submission order")
  @GetMapping
  List<JobView> list() {
    return jobs.list();
  }

  @Operation(summary = "One job's state and progress")
  @GetMapping("/{id}")
  JobView get(@PathVariable long id) {
    return jobs.get(id);
  }

  @Operation(summary = "Results table of a SUCCEEDED job (409 otherwise); format=json|csv")
  @GetMapping("/{id}/results")
  ResponseEntity<?> results(@PathVariable long id, @RequestParam(defaultValue = "json") String format) {
    return switch (format) {
      case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jobs.results(id));
      case "csv" -> ResponseEntity.ok().contentType(TEXT_CSV).body(ResultsCsv.render(jobs.results(id)));
      default ->
          throw new InvalidFieldException(
              "format", format, "unknown value '" + format + "' (expected json or csv)");
    };
  }

  @Operation(summary = "Cancel a job: a queued one at once, a running one at its next progress report")
  @DeleteMapping("/{id}")
  JobView cancel(@PathVariable long id) {
    return jobs.cancel(id);
  }
}
