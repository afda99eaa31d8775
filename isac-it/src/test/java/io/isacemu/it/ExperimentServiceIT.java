package io.isacemu.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.experimentservice.ExperimentServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Experiments as code over REST on the real platform: BS, training service, three devices and
 * experiment-service, each its own context; a tiny two-point bandwidth sweep is POSTed as YAML, runs
 * to COMPLETE (real training, real tasks), and its summary.csv and report.html are fetched back.
 */
class ExperimentServiceIT {

  @TempDir Path work;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aPostedScenarioRunsOnTheRunningPlatformAndServesItsResults() throws Exception {
    try (Platform platform = Platform.start(work, 0)) {
      platform.startDevices("video", Platform.DEVICE_TOKEN, Platform.VIDEO);
      platform.startDevices("audio-text", Platform.DEVICE_TOKEN, Platform.AUDIO, Platform.TEXT);
      platform.awaitLive(Duration.ofSeconds(60), "video-0", "audio-0", "text-0");
      ConfigurableApplicationContext xs = ServiceApp.start(ExperimentServiceApplication.class, Map.of(
          "server.port", 0,
          "isac.experiments.bs-url", platform.bs(""),
          "isac.experiments.training-url", platform.training(""),
          "isac.experiments.api-key", Platform.API_KEY,
          "isac.experiments.results-dir", work.resolve("experiments").toString()));
      try {
        String base = "http://127.0.0.1:" + ServiceApp.httpPort(xs);
        HttpResponse<String> posted = post(base + "/api/experiments?name=tiny", scenarioFor(platform));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String self = json.readTree(posted.body()).path("links").path("self").asText();
        JsonNode done = json.createObjectNode();
        for (int i = 0; i < 900; i++) { // ≤ 15 min on a busy machine; not a timing assertion
          done = json.readTree(get(base + self).body());
          if (!List.of("QUEUED", "RUNNING").contains(done.path("status").asText())) {
            break;
          }
          Thread.sleep(1000);
        }
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETE");
        // 2 points × 2 modes × 4 samples, one sample per task
        assertThat(done.path("progress").path("tasksDone").asInt()).isEqualTo(16);
        String summary = get(base + done.path("links").path("files").path("summary.csv").asText()).body();
        assertThat(summary.lines().count()).as(summary).isEqualTo(1 + 4); // header + 2 points × 2 modes
        assertThat(summary).contains("fixed:T").contains("on-demand");
        String samples = get(base + self + "/files/samples.csv").body();
        assertThat(samples.lines().count()).isEqualTo(1 + 16);
        assertThat(get(base + self + "/files/report.html").body()).contains("<html").contains("tiny");
        JsonNode points = json.readTree(get(base + self + "/files/points.json").body());
        assertThat(points.get(0).path("cell").path("bandwidthHz").asDouble()).isEqualTo(1.4e6);
        assertThat(points.get(1).path("cell").path("bandwidthHz").asDouble()).isEqualTo(20e6);
      } finally {
        xs.close();
      }
    }
  }

  /** The tiny sweep, its start-up settings those of the platform started above (as the BS reports them). */
  private static String scenarioFor(Platform platform) {
    JsonNode cell = platform.rest.getJson(platform.bs("/api/cell"));
    JsonNode dataset = platform.rest.getJson(platform.bs("/api/dataset"));
    long seed = platform.rest.getJson(platform.bs("/api/emulation")).path("seed").asLong();
    return String.join("\n",
        "seed: " + seed,
        "cell:",
        "  unitBandwidthHz: " + cell.path("unitBandwidthHz").asDouble(),
        "  noiseFigureDb: " + cell.path("noiseFigureDb").asDouble(),
        "  bsAntennas: " + cell.path("bsAntennas").asInt(),
        "devices:",
        device("video", Platform.VIDEO), device("audio", Platform.AUDIO), device("text", Platform.TEXT),
        "dataset:",
        "  testSize: " + dataset.path("testSize").asInt(),
        "  sequenceLength: " + dataset.path("sequenceLengths").path("text").asInt(), // synthetic: aligned
        "training:", "  lambdas: [0.5]", "  deployLambda: 0.5", "  epochsStageOne: 1", "  epochsStageTwo: 1",
        "serving:", "  modes: [fixed:T, on-demand]", "  samplesPerPoint: 4", "  timeScale: 0",
        "sweep:", "  axes:", "    cell.bandwidthHz: [1.4e6, 20e6]", "");
  }

  private static String device(String name, Platform.Device d) {
    return String.format(Locale.ROOT, "  %s:\n    count: 1\n    sensingRateBps: %s\n    cpuHz: 1.0e9\n    flopsPerCycle: 8",
        name, d.sensingRateBps());
  }

  private HttpResponse<String> post(String url, String yaml) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/yaml")
        .header("X-Api-Key", Platform.API_KEY).POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
