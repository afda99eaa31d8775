package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment: the first {@code samples} test samples through the BS in every gate mode, one
 * sample per task, each task followed to its end; then Table I's rows from the BS's summary.
 */
final class ExperimentStep {

  /** Gate modes in table order. */
  static final List<String> MODES = List.of("fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand");

  /** Ids per {@code /api/dataset/test-ids} page (within the BS's default max page size, 1000). */
  private static final int PAGE = 500;

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
    List<String> sampleIds = testIds(bsUrl, samples);
    Map<String, List<JsonNode>> tasks = new LinkedHashMap<>();
    for (String mode : MODES) {
      tasks.put(mode, runMode(bsUrl, mode, sampleIds));
    }
    JsonNode summary = http.getJson(bsUrl + "/api/summary");
    return new Ran(ResultTable.of(summary, MODES, expertFlops), tasks);
  }

  /**
   * The first {@code samples} test ids of the dataset the BS serves (its {@code /api/dataset}), so
   * that the same run works on the synthetic default and on a pickle.
   */
  private List<String> testIds(String bsUrl, int samples) {
    JsonNode d = http.getJson(bsUrl + "/api/dataset");
    int testSize = d.path("testSize").asInt();
    if (samples > testSize) {
      throw new IllegalArgumentException("samples: " + samples + " exceeds the " + testSize + " test samples of "
          + d.path("name").asText());
    }
    log.say("dataset %s (%s, fingerprint %s…): %d test samples, running the first %d", d.path("name").asText(),
        d.path("source").asText(), d.path("fingerprint").asText().substring(0, 12), testSize, samples);
    List<String> ids = new ArrayList<>(samples);
    while (ids.size() < samples) {
      int limit = Math.min(PAGE, samples - ids.size());
      JsonNode page = http.getJson(bsUrl + "/api/dataset/test-ids?offset=" + ids.size() + "&limit=" + limit);
      if (page.size() == 0) {
        throw new IllegalStateException("BS /api/dataset/test-ids: empty page at offset " + ids.size());
      }
      page.forEach(id -> ids.add(id.asText()));
    }
    return ids;
  }

  private List<JsonNode> runMode(String bsUrl, String mode, List<String> sampleIds) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String sampleId : sampleIds) {
      JsonResponse r = http.post(bsUrl + "/api/tasks", Map.of("sampleIds", List.of(sampleId), "mode", mode));
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
