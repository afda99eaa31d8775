package io.isacemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.device.model.BundleEncoders;
import io.isacemu.http.JsonResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "Reproducible": with BS and devices on emulated time, one task in flight and {@code
 * processing: auto}, the same seed gives the same per-task records (bits, energy, modelled latency,
 * each device's units, rate (its SNR), path, predictions) over real gRPC and HTTP, and another seed
 * another trace. The devices walk (random waypoint), so the trace matters.
 */
class EmulatedTimeReproducibilityTest {

  static final Optional<String> KEY = Optional.of(Platform.API_KEY);
  /** A small mixed task sequence: fixed experts, both gates, LOCAL candidates (video, audio). */
  static final List<Map<String, Object>> TASKS = List.of(
      Map.of("count", 3, "mode", "fixed:V+A+T"), Map.of("count", 2, "mode", "on-demand"),
      Map.of("count", 1, "mode", "fixed:V"), Map.of("count", 2, "mode", "full"),
      Map.of("count", 4, "mode", "fixed:V+A+T"), Map.of("count", 2, "mode", "fixed:A"),
      Map.of("count", 3, "mode", "on-demand"), Map.of("count", 2, "mode", "fixed:V+A+T"));

  @TempDir static Path work;
  static Platform platform;
  static String bundle;

  @BeforeAll
  static void start() {
    // time scale 0: nothing sleeps; modelled latencies (and so emulated time) are unaffected
    platform = Platform.start(work, 0.0, Map.of("isac.bs.emulation.time", "emulated", "isac.bs.processing", "auto"));
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    job.put("dataset", Map.of("type", "synthetic", "seed", 7, "trainSize", 240, "validSize", 60, "testSize", 60,
        "sequenceLength", 20));
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T"));
    job.put("lambdas", List.of(1.0));
    job.put("deployLambda", 1.0);
    job.put("epochsStageOne", 1);
    job.put("epochsStageTwo", 1);
    job.put("gateMode", "on-demand");
    job.put("costMetric", "bits");
    job.put("seed", 7);
    JsonResponse accepted = platform.rest.withApiKey(KEY).post(platform.training("/api/jobs"), job);
    assertThat(accepted.status()).as("POST /api/jobs -> %s", accepted.raw()).isEqualTo(202);
    String jobId = accepted.body().path("id").asText();
    Map<String, Object> devices = new LinkedHashMap<>();
    devices.put("isac.device.time", "emulated");
    devices.put("isac.device.model.registry-target", "127.0.0.1:" + platform.trainingGrpcPort());
    for (int i = 0; i < 3; i++) {
      String d = "isac.device.devices[" + i + "].mobility.";
      devices.put(d + "type", "random-waypoint");
      devices.put(d + "min-speed-mps", 5);
      devices.put(d + "max-speed-mps", 15);
      devices.put(d + "pause-s", 0.2);
      devices.put(d + "cell-radius-m", 200);
    }
    platform.startDevices("all", Platform.DEVICE_TOKEN, devices, Platform.VIDEO, Platform.AUDIO, Platform.TEXT);
    platform.awaitLive(Duration.ofSeconds(60), "video-0", "audio-0", "text-0");
    JsonNode[] done = new JsonNode[1];
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonNode j = platform.rest.get(platform.training("/api/jobs/" + jobId)).body();
      assertThat(j.path("state").asText()).as("job %s", j).isNotIn("FAILED", "CANCELLED");
      done[0] = j;
      return j.path("state").asText().equals("SUCCEEDED");
    });
    bundle = done[0].path("bundleVersion").asText();
    BundleEncoders encoders = platform.devices("all").getBean(BundleEncoders.class);
    // the BS and the devices hold the bundle: no LOCAL refusal (a wall-timed cache) in the runs
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
        platform.rest.get(platform.bs("/api/model")).body().path("version").asText().equals(bundle)
            && encoders.version().equals(Optional.of(bundle)));
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndAnotherSeedAnotherTrace() {
    List<JsonNode> first = run(11);
    double clockAfter = platform.rest.get(platform.bs("/api/emulation")).body().path("emulatedTimeS").asDouble();
    List<JsonNode> second = run(11);
    List<JsonNode> other = run(12);

    assertThat(clockAfter).as("the BS clock advanced by the tasks' modelled latencies").isPositive();
    assertThat(second).as("same seed, same task sequence").isEqualTo(first);
    assertThat(rates(other)).as("another seed: another channel trace").isNotEqualTo(rates(first));
    // the records are real: LOCAL was chosen at least once, and every task was served
    assertThat(first.toString()).contains("\"mode\":\"LOCAL\"");
    first.forEach(t -> assertThat(t.path("status").asText()).as("%s", t).isEqualTo("DONE"));
  }

  @Test
  void theResetEndpointIsProtectedAndValidated() {
    String url = platform.bs("/api/emulation/reset");
    assertThat(platform.rest.post(url, Map.of("seed", 1)).status()).isEqualTo(401);
    assertThat(platform.rest.withApiKey(Optional.of("wrong-key-0123456789")).post(url, Map.of("seed", 1)).status())
        .as("a wrong key: the platform answers 401 for it as for a missing one").isEqualTo(401);
    JsonResponse bad = platform.rest.withApiKey(KEY).post(url, Map.of("seed", "eleven"));
    assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
    assertThat(bad.raw()).contains("seed");
    JsonResponse missing = platform.rest.withApiKey(KEY).post(url, Map.of("sed", 3));
    assertThat(missing.status()).as(missing.raw()).isEqualTo(400);
    assertThat(missing.raw()).contains("seed");
    JsonNode state = platform.rest.get(platform.bs("/api/emulation")).body();
    assertThat(state.path("mode").asText()).isEqualTo("emulated");
  }

  /** Resets to {@code seed}, runs {@link #TASKS} one at a time, and returns their wall-free records. */
  private static List<JsonNode> run(long seed) {
    JsonResponse reset = platform.rest.withApiKey(KEY).post(platform.bs("/api/emulation/reset"), Map.of("seed", seed));
    assertThat(reset.status()).as(reset.raw()).isEqualTo(200);
    assertThat(reset.body().path("emulatedTimeS").asDouble()).isZero();
    reset.body().path("devices").forEach(d -> assertThat(d.asText()).as("%s", reset.raw()).isEqualTo("OK"));
    assertThat(reset.body().path("devices").size()).isEqualTo(3);
    List<JsonNode> out = new ArrayList<>();
    for (Map<String, Object> t : TASKS) {
      JsonNode task = platform.awaitTask(platform.submit(t), Duration.ofMinutes(1));
      out.add(record(task));
    }
    return out;
  }

  /** A task's record without its id, timestamps and measured wall times. */
  private static JsonNode record(JsonNode task) {
    ObjectNode r = ((ObjectNode) task).deepCopy();
    r.remove(List.of("id", "measured", "createdAt", "startedAt", "finishedAt", "submittedAt"));
    ArrayNode devices = (ArrayNode) r.path("devices");
    devices.forEach(d -> ((ObjectNode) d).remove("deviceEncodeWallSeconds"));
    return r;
  }

  private static List<Double> rates(List<JsonNode> records) {
    List<Double> out = new ArrayList<>();
    records.forEach(t -> t.path("devices").forEach(d -> out.add(d.path("rateBps").asDouble())));
    return out;
  }
}
