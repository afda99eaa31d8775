package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a model: submits a training job, follows it to the end, and waits until the BS
 * serves the published bundle.
 */
public final class TrainingStep {

  /**
   * What training left for the experiment.
   *
   * @param version the bundle version the BS serves
   * @param trainingRows the training service's own result table ({@code /api/jobs/{id}/results} rows)
   * @param expertFlops expert name → analytic FLOPs per sample, as the BS reports them
   */
  public record Trained(String version, JsonNode trainingRows, Map<String, Double> expertFlops) {}

  private final JsonHttpClient http;
  private final RunLog log;

  public TrainingStep(JsonHttpClient http, RunLog log) {
    this.http = http;
    this.log = log;
  }

  /** Submits {@code job} (a training-service job body), follows it, waits until the BS serves its bundle. */
  public Trained run(Endpoints at, Map<String, Object> job, String description) throws InterruptedException {
    String trainUrl = at.trainingUrl();
    JsonResponse accepted = http.post(trainUrl + "/api/jobs", job);
    if (accepted.status() != 202) {
      throw new IllegalStateException("training job refused: " + accepted.status() + " " + accepted.body());
    }
    String jobId = accepted.body().path("id").asText();
    log.say("training job %s submitted (%s)", jobId, description);
    JsonNode done = awaitJob(trainUrl + "/api/jobs/" + jobId);
    JsonNode trainingRows = http.getJson(trainUrl + "/api/jobs/" + jobId + "/results").path("rows");
    String version = done.path("bundleVersion").asText("?");
    log.say("bundle %s published; waiting for the BS to serve it", version);
    JsonNode model = awaitModel(at.bsUrl(), version);
    Map<String, Double> flops = new LinkedHashMap<>();
    for (int i = 0; i < model.path("experts").size(); i++) {
      flops.put(model.path("experts").get(i).asText(), model.path("expertFlops").get(i).asDouble());
    }
    return new Trained(version, trainingRows, flops);
  }

  /** Prints a progress line whenever it changes; returns the job once SUCCEEDED. */
  private JsonNode awaitJob(String url) throws InterruptedException {
    String last = "";
    while (true) {
      JsonNode j = http.getJson(url);
      String state = j.path("state").asText();
      if (state.equals("SUCCEEDED")) {
        return j;
      }
      if (state.equals("FAILED") || state.equals("CANCELLED")) {
        throw new IllegalStateException("training " + state + ": " + j.path("errorReason").asText());
      }
      String line = String.format(Locale.ROOT, "training %s %s %s epoch %d/%d, %d/%d epochs done, ETA %.0f s",
          state, j.path("stage").asText(""), j.path("subject").asText(""), j.path("epoch").asInt(),
          j.path("epochs").asInt(), j.path("completedEpochs").asInt(), j.path("plannedEpochs").asInt(),
          j.path("etaSeconds").asDouble());
      if (!line.equals(last)) {
        log.say("%s", line);
        last = line;
      }
      Thread.sleep(3000);
    }
  }

  /** The BS's {@code /api/model} once it serves {@code version}; 503 means not loaded yet. */
  private JsonNode awaitModel(String bsUrl, String version) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      JsonResponse r = http.get(bsUrl + "/api/model");
      if (r.status() == 200 && version.equals(r.body().path("version").asText())) {
        log.say("the BS serves bundle %s: experts %s, gate reads %s + %d network-state values", version,
            r.body().path("experts"), r.body().path("gateInputs").asText(), r.body().path("networkStateDim").asInt());
        return r.body();
      }
      if (r.status() != 200 && r.status() != 503) {
        throw new IllegalStateException("BS model probe: " + r.status() + " " + r.body());
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("the BS did not load the bundle within 4 minutes (see bs-service.log)");
  }
}
