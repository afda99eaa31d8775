package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experiment: the first {@code samples} test samples through the BS in every gate mode, one
 * sample per task, each task followed to its end; then Table I's rows from the BS's summary.
 */
final class ExperimentStep {

  /** Gate modes in table order. */
  static final List<String> MODES = List.of("fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand");

  private final JsonHttpClient http;
  private final DemoLog log;

  ExperimentStep(JsonHttpClient http, DemoLog log) {
    this.http = http;
    this.log = log;
  }

  /**
   * What the experiment ran.
   *
   * @param rows Table I's rows, in {@link #MODES} order
   * @param tasks per mode, in {@link #MODES} order, each finished task's JSON as the BS returned it
   */
  record Ran(List<ResultTable.Row> rows, Map<String, List<JsonNode>> tasks) {}

  /** Runs every mode of {@link #MODES}. */
  Ran run(String bsUrl, int samples, Map<String, Double> expertFlops) throws InterruptedException {
    Map<String, List<JsonNode>> tasks = new LinkedHashMap<>();
    for (String mode : MODES) {
      tasks.put(mode, runMode(bsUrl, mode, samples));
    }
    JsonNode summary = http.getJson(bsUrl + "/api/summary");
    return new Ran(ResultTable.of(summary, MODES, expertFlops), tasks);
  }

  private List<JsonNode> runMode(String bsUrl, String mode, int samples) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < samples; i++) {
      JsonResponse r = http.post(bsUrl + "/api/tasks",
          Map.of("sampleIds", List.of(String.format(Locale.ROOT, "syn-test-%06d", i)), "mode", mode));
      if (r.status() != 202) {
        throw new IllegalStateException("task refused in mode " + mode + ": " + r.status() + " " + r.body());
      }
      ids.add(r.body().path("id").asText());
    }
    Map<String, Integer> statuses = new LinkedHashMap<>();
    List<JsonNode> finished = new ArrayList<>();
    for (String id : ids) {
      JsonNode t = awaitTask(bsUrl + "/api/tasks/" + id);
      statuses.merge(t.path("status").asText(), 1, Integer::sum);
      finished.add(t);
    }
    log.say("%-12s %d tasks in %.1f s: %s", mode, ids.size(), (System.nanoTime() - t0) / 1e9, statuses);
    return finished;
  }

  private JsonNode awaitTask(String url) throws InterruptedException {
    for (int i = 0; i < 6000; i++) {
      JsonNode t = http.getJson(url);
      String s = t.path("status").asText();
      if (s.equals("DONE") || s.equals("DEGRADED") || s.equals("FAILED")) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("task " + url + " not finished after 2 minutes");
  }
}
