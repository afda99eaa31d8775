package io.isacemu.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The platform in containers, as docker-compose and Kubernetes run it: images built from the
 * Dockerfiles, training-service, bs-service and three single-device device-services on one Docker
 * network, reaching each other by name. A small real training, an experiment in every gate mode over
 * REST, then a device container killed mid-run (its tasks end DEGRADED, none is lost) and started
 * again (it re-attaches and serves again).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformContainersIT {

  private static final String API_KEY = "it-api-key";
  private static final String TOKEN = "it-device-token";
  private static final List<String> MODES = List.of("fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand");
  private static final int SAMPLES = 8;

  private final Network network = Network.newNetwork();
  private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
  private final Map<String, ContainerLogs> logs = new LinkedHashMap<>();
  private final JsonHttpClient rest =
      new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(2)).withApiKey(API_KEY);
  private String bsUrl;
  private String trainingUrl;

  @BeforeAll
  void startThePlatform() {
    Images.requireDocker();
    DockerImageName training = DockerImageName.parse(Images.image("training-service"));
    DockerImageName bs = DockerImageName.parse(Images.image("bs-service"));
    DockerImageName device = DockerImageName.parse(Images.image("device-service"));

    // training and BS together, then the three devices together: the BS waits for the registry and
    // the devices redial the BS with backoff, so no start order is needed (as under Kubernetes)
    start(Map.of("training-service", new GenericContainer<>(training)
        .withNetworkAliases("training-service")
        .withEnv("ISAC_TRAINING_BUNDLEDIR", "/tmp/bundles")
        .withEnv("TRAINING_API_KEY", API_KEY)
        .withExposedPorts(8082),
        "bs-service", new GenericContainer<>(bs)
        .withNetworkAliases("bs-service")
        .withEnv("ISAC_BS_REGISTRYTARGET", "training-service:9091")
        .withEnv("BS_API_KEY", API_KEY)
        .withEnv("BS_DEVICE_TOKEN", TOKEN)
        // LOCAL wherever the round allows it (auto decides by channel and CPU, so a LOCAL round would
        // not be certain): exercises the devices' bundle download across containers every time
        .withEnv("BS_PROCESSING", "local")
        .withExposedPorts(8080)));
    String[][] devices = {{"video-0", "video", "42"}, {"audio-0", "audio", "43"}, {"text-0", "text", "44"}};
    Map<String, GenericContainer<?>> deviceContainers = new LinkedHashMap<>();
    for (String[] d : devices) {
      deviceContainers.put("device-" + d[1], new GenericContainer<>(device)
          .withNetworkAliases("device-" + d[1])
          .withEnv("DEVICE_ID", d[0])
          .withEnv("DEVICE_MODALITY", d[1])
          .withEnv("BS_HOST", "bs-service")
          .withEnv("BS_PORT", "9090")
          .withEnv("MODEL_REGISTRY_TARGET", "training-service:9091") // LOCAL encoders from the bundle
          .withEnv("DEVICE_AUTH_TOKEN", TOKEN)
          .withEnv("PLATFORM_SEED", d[2])
          .withExposedPorts(8081));
    }
    start(deviceContainers);
    trainingUrl = "http://" + containers.get("training-service").getHost() + ":"
        + containers.get("training-service").getMappedPort(8082);
    bsUrl = "http://" + containers.get("bs-service").getHost() + ":" + containers.get("bs-service").getMappedPort(8080);
  }

  /** Starts the containers in parallel and waits until each one's actuator health answers 200. */
  private void start(Map<String, GenericContainer<?>> batch) {
    batch.forEach((name, c) -> {
      ContainerLogs log = new ContainerLogs(name);
      logs.put(name, log);
      containers.put(name, c);
      c.withNetwork(network)
          .withLogConsumer(log)
          .waitingFor(Wait.forHttp("/actuator/health").forPort(c.getExposedPorts().get(0)).forStatusCode(200)
              .withStartupTimeout(Duration.ofMinutes(5)));
    });
    try {
      Startables.deepStart(batch.values()).join();
    } catch (RuntimeException e) {
      StringBuilder tails = new StringBuilder();
      batch.keySet().forEach(name -> tails.append("\n--- ").append(name).append(" log ends with:\n")
          .append(logs.get(name).tail(25)));
      throw new AssertionError("containers " + batch.keySet() + " did not all become healthy" + tails, e);
    }
  }

  @AfterAll
  void stopThePlatform() {
    List<String> names = new ArrayList<>(containers.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      containers.get(names.get(i)).stop();
    }
    network.close();
  }

  @Test
  @Order(1)
  void allThreeDevicesAttachThroughTheBsService() throws Exception {
    JsonNode devices = rest.await(bsUrl + "/api/devices", d -> liveIds(d).size() == 3, Duration.ofMinutes(2),
        "three LIVE devices at the BS");
    assertThat(liveIds(devices)).containsExactlyInAnyOrder("video-0", "audio-0", "text-0");
    assertThat(rest.get(bsUrl + "/actuator/prometheus").raw()).contains("bs_model_installs_total");
  }

  @Test
  @Order(2)
  void aSmallExperimentRunsInEveryGateMode() throws Exception {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T"));
    job.put("lambdas", List.of(0.5));
    job.put("deployLambda", 0.5);
    job.put("epochsStageOne", 2);
    job.put("epochsStageTwo", 2);
    job.put("seed", 7);
    JsonResponse accepted = rest.post(trainingUrl + "/api/jobs", job);
    assertThat(accepted.status()).as("job accepted: %s", accepted.body()).isEqualTo(202);
    String jobId = accepted.body().path("id").asText();
    JsonNode done = rest.await(trainingUrl + "/api/jobs/" + jobId,
        j -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.path("state").asText()),
        Duration.ofMinutes(15), "training job " + jobId);
    assertThat(done.path("state").asText()).as("job: %s\n%s", done, logs.get("training-service").tail(30))
        .isEqualTo("SUCCEEDED");
    String version = done.path("bundleVersion").asText();
    rest.await(bsUrl + "/api/model", m -> version.equals(m.path("version").asText()), Duration.ofMinutes(3),
        "the BS serving bundle " + version + " (fetched over gRPC from training-service:9091)");

    // the devices follow the same registry (ModelRegistry.Watch) for their LOCAL encoders
    for (String device : List.of("device-video", "device-audio", "device-text")) {
      logs.get(device).await("model bundle " + version + " installed", Duration.ofMinutes(3));
    }
    JsonResponse r = rest.post(bsUrl + "/api/experiments", Map.of("samples", SAMPLES, "modes", MODES));
    assertThat(r.status()).as("experiment: %s", r.body()).isEqualTo(202);
    JsonNode experiment = rest.await(bsUrl + "/api/experiments/" + r.body().path("id").asText(),
        e -> e.path("state").asText().equals("DONE") || e.path("state").asText().equals("FAILED"),
        Duration.ofMinutes(5), "experiment " + r.body().path("id").asText() + " ending");
    assertThat(experiment.path("state").asText()).as("experiment: %s", experiment).isEqualTo("DONE");
    Map<String, JsonNode> rows = new TreeMap<>();
    experiment.path("rows").forEach(row -> rows.put(row.path("mode").asText(), row));
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(MODES);
    rows.forEach((mode, row) -> {
      assertThat(row.path("status").asText()).as("%s: %s", mode, row).isIn("DONE", "DEGRADED");
      assertThat(row.path("samples").asInt()).as("%s samples", mode).isEqualTo(SAMPLES);
    });
    // LOCAL across containers: the video device fetched the bundle from the training container's
    // ModelRegistry and encoded on the device (raw video 4 Mbit/s; its encoding 32·d_model bits)
    JsonNode vat = rest.get(bsUrl + "/api/tasks/" + rows.get("fixed:V+A+T").path("taskId").asText()).body();
    List<String> videoRounds = new ArrayList<>();
    vat.path("devices").forEach(d -> {
      if (d.path("deviceId").asText().equals("video-0")) {
        videoRounds.add(d.path("mode").asText() + ":" + d.path("outcome").asText());
      }
    });
    System.out.printf("[containers] fixed:V+A+T video-0 rounds: %s%n", videoRounds);
    assertThat(videoRounds).as("video-0 rounds of %s", vat.path("id")).contains("LOCAL:OK");
    // the text-only row is cheaper on the air than V+A+T, and on-demand never sends more than full
    assertThat(rows.get("fixed:T").path("bits").asDouble()).isLessThan(rows.get("fixed:V+A+T").path("bits").asDouble());
    assertThat(rows.get("on-demand").path("bits").asDouble()).isLessThanOrEqualTo(rows.get("full").path("bits").asDouble());
  }

  @Test
  @Order(3)
  void aKilledDeviceContainerDegradesItsTasksLosesNoneAndReattachesAfterARestart() throws Exception {
    GenericContainer<?> video = containers.get("device-video");
    var docker = DockerClientFactory.instance().client();
    List<String> ids = new ArrayList<>();
    int total = 40;
    for (int i = 0; i < total; i++) {
      if (i == 10) {
        docker.killContainerCmd(video.getContainerId()).exec(); // SIGKILL: no goodbye on the stream
      }
      JsonResponse r = rest.post(bsUrl + "/api/tasks", Map.of(
          "sampleIds", List.of(String.format(Locale.ROOT, "syn-test-%06d", 100 + i)), "mode", "fixed:V+A+T"));
      assertThat(r.status()).as("task %d: %s", i, r.body()).isEqualTo(202);
      ids.add(r.body().path("id").asText());
      Thread.sleep(100);
    }
    Map<String, Integer> statuses = new TreeMap<>();
    List<String> reasons = new ArrayList<>();
    for (String id : ids) {
      JsonNode t = rest.await(bsUrl + "/api/tasks/" + id,
          x -> List.of("DONE", "DEGRADED", "FAILED").contains(x.path("status").asText()), Duration.ofMinutes(3),
          "task " + id + " terminal");
      statuses.merge(t.path("status").asText(), 1, Integer::sum);
      if (t.path("status").asText().equals("DEGRADED")) {
        reasons.add(t.path("reason").asText());
      }
    }
    System.out.printf("[containers] video-0 killed after 10 of %d fixed:V+A+T tasks: %s; first reason: %s%n", total,
        statuses, reasons.isEmpty() ? "-" : reasons.get(0));
    // none lost: every accepted task is terminal; those after the kill fell back to A/T
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
    assertThat(statuses).as("statuses %s", statuses).doesNotContainKey("FAILED").containsKey("DEGRADED");
    assertThat(statuses.get("DEGRADED")).as("statuses %s", statuses).isGreaterThanOrEqualTo(total - 10 - 3);
    assertThat(reasons).allSatisfy(reason -> assertThat(reason).isNotBlank());
    JsonNode devices = rest.await(bsUrl + "/api/devices", d -> !liveIds(d).contains("video-0"), Duration.ofMinutes(1),
        "video-0 no longer LIVE");
    assertThat(liveIds(devices)).contains("audio-0", "text-0");

    // the same container again (same name on the network, same id and token): it re-attaches
    docker.startContainerCmd(video.getContainerId()).exec();
    rest.await(bsUrl + "/api/devices", d -> liveIds(d).contains("video-0"), Duration.ofMinutes(3),
        "video-0 LIVE again after the restart\n" + logs.get("device-video").tail(20));
    JsonResponse again = rest.post(bsUrl + "/api/tasks", Map.of("sampleIds", List.of("syn-test-000200"), "mode", "fixed:V"));
    assertThat(again.status()).isEqualTo(202);
    JsonNode t = rest.await(bsUrl + "/api/tasks/" + again.body().path("id").asText(),
        x -> List.of("DONE", "DEGRADED", "FAILED").contains(x.path("status").asText()), Duration.ofMinutes(2),
        "task after the restart");
    assertThat(t.path("status").asText()).as("task after restart: %s", t).isEqualTo("DONE");
    List<String> served = new ArrayList<>();
    t.path("devices").forEach(d -> served.add(d.path("deviceId").asText() + ":" + d.path("outcome").asText()));
    assertThat(served).as("per-device entries %s", served).anySatisfy(s -> assertThat(s).startsWith("video-0:OK"));
  }

  private static List<String> liveIds(JsonNode devices) {
    List<String> live = new ArrayList<>();
    devices.forEach(d -> {
      if ("LIVE".equals(d.path("status").asText())) {
        live.add(d.path("deviceId").asText());
      }
    });
    return live;
  }
}
