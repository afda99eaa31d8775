package io.isacemu.experimentservice.api;

import io.isacemu.experimentservice.ExperimentProperties;
import io.isacemu.experimentservice.run.ExperimentState;
import io.isacemu.experimentservice.run.Experiments;
import io.isacemu.experimentservice.run.ResultFiles;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Experiments as code over REST: the body of a POST is a scenario file; it runs on the running platform. */
@RestController
@RequestMapping("/api/experiments")
class ExperimentController {

  static final String BASE = "/api/experiments/";

  private final Experiments experiments;
  private final long maxBodyBytes;

  ExperimentController(Experiments experiments, ExperimentProperties properties) {
    this.experiments = experiments;
    this.maxBodyBytes = properties.maxBodyBytes();
  }

  /** 202 with the id and links; 400 names each key path and value; 413 too large; 429 queue full. */
  @PostMapping(consumes = {"application/yaml", "text/yaml", "application/x-yaml"})
  ResponseEntity<Map<String, Object>> submit(HttpServletRequest request,
      @RequestParam(defaultValue = "experiment") String name) throws IOException {
    experiments.checkCapacity();
    ExperimentState s = experiments.submit(body(request), name);
    return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", BASE + s.id()).body(view(s));
  }

  @GetMapping
  Map<String, Object> list() {
    return Map.of("experiments", experiments.list().stream().map(this::view).toList());
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(experiments.get(id));
  }

  @PostMapping("/{id}/cancel")
  Map<String, Object> cancel(@PathVariable String id) {
    return view(experiments.cancel(id));
  }

  /** One result file ({@link ResultFiles}); the rest of the path after {@code files/} is its name. */
  @GetMapping("/{id}/files/{*name}")
  ResponseEntity<Resource> file(@PathVariable String id, @PathVariable String name) {
    Path f = ResultFiles.resolve(experiments.dir(id), name.startsWith("/") ? name.substring(1) : name);
    MediaType type = f.getFileName().toString().endsWith(".yaml") ? MediaType.parseMediaType("application/yaml")
        : MediaTypeFactory.getMediaType(f.getFileName().toString()).orElse(MediaType.APPLICATION_OCTET_STREAM);
    return ResponseEntity.ok().contentType(type).body(new FileSystemResource(f));
  }

  private Map<String, Object> view(ExperimentState s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("name", s.name());
    v.put("status", s.status());
    v.put("submittedAt", s.submittedAt());
    s.startedAt().ifPresent(t -> v.put("startedAt", t));
    s.finishedAt().ifPresent(t -> v.put("finishedAt", t));
    s.reason().ifPresent(r -> v.put("reason", r));
    var p = s.progress();
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("pointsDone", p.pointsDone());
    progress.put("points", p.points());
    progress.put("tasksDone", p.tasksDone());
    progress.put("tasks", p.tasks());
    progress.put("tasksPerSecond", p.tasksPerSecond());
    p.etaSeconds().ifPresent(eta -> progress.put("etaSeconds", eta));
    v.put("progress", progress);
    v.put("failures", s.failures());
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", BASE + s.id());
    links.put("cancel", BASE + s.id() + "/cancel");
    Map<String, String> files = new LinkedHashMap<>();
    List<String> present = ResultFiles.present(experiments.dir(s.id()));
    present.forEach(f -> files.put(f, BASE + s.id() + "/files/" + f));
    links.put("files", files);
    v.put("links", links);
    return v;
  }

  /** The body, refused (413) beyond {@code isac.experiments.max-body-bytes} without reading it all. */
  private String body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      throw new PayloadTooLargeException(request.getContentLengthLong(), maxBodyBytes);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (b.length > maxBodyBytes) {
        throw new PayloadTooLargeException(b.length, maxBodyBytes);
      }
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}
