package io.isacemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.task.SpectrumLedger;
import io.isacemu.core.modality.Modality;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.Heartbeat;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.Position;
import io.isacemu.proto.Register;
import io.isacemu.proto.StateReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration test: the real training-service, bs-service and device-services (video
 * alone in one device-service, audio and text in another) in this JVM on free loopback ports. A
 * tiny job is trained over REST, the BS fetches its bundle over gRPC, and a small experiment runs
 * through the emulated network; then a device is killed mid-task and restarted, an impostor with a
 * wrong token is refused, and malformed REST and gRPC inputs are refused while the platform keeps
 * serving. The tests share the platform and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndTest {

  /** Gate modes of the experiment, in Table I order. */
  static final List<String> MODES = List.of("fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand");
  static final int SAMPLES = 20;
  /** Samples of each task of the device-kill test. */
  static final int KILLED_SAMPLES = 60;
  /** λ of the deployed gate: high, so that it routes part of the samples to text alone. */
  static final double LAMBDA = 1.0;
  static final Duration TASK_TIMEOUT = Duration.ofMinutes(2);
  static final Optional<String> KEY = Optional.of(Platform.API_KEY);

  @TempDir static Path work;
  static Platform platform;
  static String bundleVersion;

  @BeforeAll
  static void startPlatform() {
    // real time on the devices: a 60-sample video command (60 sensing windows of 0.1 s, then 24 Mbit
    // up) lasts about 7 s, long after the kill lands even on a busy machine; a 20-sample task about 2 s
    platform = Platform.start(work, 1.0);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    // a small training set and one epoch per stage: the bundle only has to be real, not good
    job.put("dataset", Map.of("type", "synthetic", "seed", 7, "trainSize", 240, "validSize", 60, "testSize", 60,
        "sequenceLength", 20));
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T"));
    job.put("lambdas", List.of(LAMBDA));
    job.put("deployLambda", LAMBDA);
    job.put("epochsStageOne", 1);
    job.put("epochsStageTwo", 1);
    job.put("gateMode", "on-demand");
    job.put("costMetric", "bits");
    job.put("seed", 7);
    JsonResponse accepted = platform.rest.withApiKey(KEY).post(platform.training("/api/jobs"), job);
    assertThat(accepted.status()).as("POST /api/jobs -> %s", accepted.raw()).isEqualTo(202);
    String jobId = accepted.body().path("id").asText();
    // the devices start while the job trains
    platform.startDevices("video", Platform.DEVICE_TOKEN, Platform.VIDEO);
    platform.startDevices("audio-text", Platform.DEVICE_TOKEN, Platform.AUDIO, Platform.TEXT);
    platform.awaitLive(Duration.ofSeconds(60), "video-0", "audio-0", "text-0");
    JsonNode[] done = new JsonNode[1];
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonNode j = platform.rest.get(platform.training("/api/jobs/" + jobId)).body();
      assertThat(j.path("state").asText()).as("job %s: %s", jobId, j.path("errorReason"))
          .isNotIn("FAILED", "CANCELLED");
      done[0] = j;
      return j.path("state").asText().equals("SUCCEEDED");
    });
    bundleVersion = done[0].path("bundleVersion").asText();
    assertThat(bundleVersion).isNotBlank();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonResponse m = platform.rest.get(platform.bs("/api/model"));
      return m.status() == 200 && m.body().path("version").asText().equals(bundleVersion);
    });
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void experimentRunsEveryGateModeThroughTheEmulatedNetwork() {
    JsonResponse r = platform.rest.withApiKey(KEY).post(platform.bs("/api/experiments"),
        Map.of("samples", SAMPLES, "modes", MODES));
    assertThat(r.status()).as("POST /api/experiments -> %s", r.raw()).isEqualTo(202);
    String experimentUrl = platform.bs("/api/experiments/" + r.body().path("id").asText());
    JsonNode experiment = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> platform.rest.get(experimentUrl).body(),
            e -> e.path("state").asText().equals("DONE") || e.path("state").asText().equals("FAILED"));
    assertThat(experiment.path("state").asText()).as("experiment: %s", experiment).isEqualTo("DONE");
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    experiment.path("rows").forEach(row -> rows.put(row.path("name").asText(), row));
    rows.values().forEach(row -> System.out.printf(Locale.ROOT, "[it] %-27s %s acc2 %.3f latency %.4f s bits %.0f %s%n",
        row.path("name").asText(), row.path("status").asText(), row.path("acc2").asDouble(),
        row.path("latencySeconds").asDouble(), row.path("bits").asDouble(), row.path("expertShares")));
    assertThat(rows.keySet()).containsExactly("V", "A", "T", "V+A+T", "dynamic fusion (full)",
        "dynamic fusion (on-demand)");

    // every task terminal, every sample served by the expert its mode chose
    for (JsonNode row : rows.values()) {
      assertThat(row.path("status").asText()).as("%s: %s", row.path("name"), row.path("reason")).isEqualTo("DONE");
      assertThat(row.path("samples").asInt()).isEqualTo(SAMPLES);
      JsonNode task = platform.rest.get(platform.bs("/api/tasks/" + row.path("taskId").asText())).body();
      assertThat(task.path("status").asText()).isEqualTo("DONE");
      assertThat(task.path("samples")).hasSize(SAMPLES);
      assertThat(task.path("modelVersion").asText()).isEqualTo(bundleVersion);
      assertThat(task.path("bits").asDouble()).isEqualTo(row.path("bits").asDouble());
      assertThat(task.path("modelled").path("totalSeconds").asDouble()).isEqualTo(row.path("latencySeconds").asDouble());
    }
    // the device's report and the BS's model agree for a command of N > 1 samples: N sensing windows
    // (text: P_s N T^s = 0.1 W x 20 x 0.1 s dominates; its 10-bit samples upload in microseconds)
    JsonNode textTask = platform.rest.get(platform.bs("/api/tasks/" + rows.get("T").path("taskId").asText())).body();
    JsonNode textRound = textTask.path("devices").get(0);
    assertThat(textRound.path("samples").asInt()).isEqualTo(SAMPLES);
    assertThat(textRound.path("deviceReportedEnergyJ").asDouble()).as("device vs BS energy of %s", textRound)
        .isCloseTo(textRound.path("energyJ").asDouble(), org.assertj.core.api.Assertions.withinPercentage(1));
    for (JsonNode t : platform.rest.get(platform.bs("/api/tasks?limit=1000")).body()) {
      assertThat(Platform.terminal(t)).as("task %s is %s", t.path("id"), t.path("status")).isTrue();
    }

    // on-demand fetches video and audio only for the samples the gate routes to V+A+T
    JsonNode full = rows.get("dynamic fusion (full)");
    JsonNode onDemand = rows.get("dynamic fusion (on-demand)");
    assertThat(onDemand.path("expertShares").path("T").asDouble())
        .as("the λ = %s gate routes some samples to text alone: %s", LAMBDA, onDemand.path("expertShares"))
        .isGreaterThan(0);
    assertThat(onDemand.path("bits").asDouble()).isLessThan(full.path("bits").asDouble());
    // text alone: a 100 bit/s sensor's upload is negligible next to 4 Mbit/s of video
    assertThat(rows.get("T").path("latencySeconds").asDouble())
        .isLessThan(rows.get("V+A+T").path("latencySeconds").asDouble());
    assertThat(rows.get("T").path("bits").asDouble()).isLessThan(rows.get("V+A+T").path("bits").asDouble());

    assertSummaryEqualsTaskResults();
  }

  @Test
  @Order(2)
  void aDeviceKilledMidTaskDegradesItsTasksLosesNoneAndIsUsedAgainAfterReattaching() {
    String firstSession = platform.bsDevice("video-0").orElseThrow().path("sessionId").asText();
    int before = platform.rest.get(platform.bs("/api/tasks?limit=1000")).body().size();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // 60 test samples through V+A+T: the video device senses and uploads for tens of wall seconds
      ids.add(platform.submit(Map.of("count", KILLED_SAMPLES, "mode", "fixed:V+A+T", "deadlineSeconds", 1000)));
    }
    // kill the video device-service once the first task's fetch round holds units for video-0 (its
    // SenseCommand is out). Watched in process, on the BS's spectrum ledger (GET /api/allocation
    // shows the same), so that the kill lands within milliseconds of the command.
    SpectrumLedger ledger = platform.bs.getBean(SpectrumLedger.class);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
        .until(() -> ledger.allocation().getOrDefault("video-0", 0) > 0);
    platform.killDevices("video");
    try {
      assertKilledTasksDegradedNoneLost(ids, before);
    } finally {
      if (!platform.running("video")) {
        // the device comes back (also after a failure above, so that the later tests have it)
        platform.startDevices("video", Platform.DEVICE_TOKEN, Platform.VIDEO);
      }
    }

    // re-attached: a new session, LIVE, and the next task uses it again
    platform.awaitLive(Duration.ofSeconds(30), "video-0");
    assertThat(platform.bsDevice("video-0").orElseThrow().path("sessionId").asText()).isNotEqualTo(firstSession);
    JsonNode again = platform.awaitTask(platform.submit(Map.of("count", 5, "mode", "fixed:V+A+T")), TASK_TIMEOUT);
    assertThat(again.path("status").asText()).as(again.path("reason").asText()).isEqualTo("DONE");
    assertThat(again.path("devices")).anySatisfy(d -> {
      assertThat(d.path("deviceId").asText()).isEqualTo("video-0");
      assertThat(d.path("outcome").asText()).isEqualTo("OK");
      assertThat(d.path("delivered").asInt()).isEqualTo(5);
    });

    assertSummaryEqualsTaskResults();
  }

  /** The tasks {@code ids}, submitted when the BS held {@code before} tasks, while video-0 was killed. */
  private static void assertKilledTasksDegradedNoneLost(List<String> ids, int before) {
    List<JsonNode> results = new ArrayList<>();
    for (String id : ids) {
      results.add(platform.awaitTask(id, TASK_TIMEOUT));
    }
    for (JsonNode t : results) {
      assertThat(t.path("status").asText()).as("task %s: %s", t.path("id"), t.path("reason")).isEqualTo("DEGRADED");
      assertThat(t.path("reason").asText()).containsAnyOf("video-0", "VIDEO");
      assertThat(t.path("samples")).hasSize(KILLED_SAMPLES).allSatisfy(s -> {
        assertThat(s.hasNonNull("prediction")).as("sample %s served", s.path("sampleId")).isTrue();
        assertThat(s.path("degraded").asBoolean()).isTrue();
        assertThat(s.path("intended").asText()).isEqualTo("V+A+T");
        assertThat(s.path("expert").asText()).isIn("A", "T");
      });
    }
    // the task in flight lost its video session; the later ones found no video device at all
    assertThat(results.get(0).path("devices")).anySatisfy(d -> {
      assertThat(d.path("deviceId").asText()).isEqualTo("video-0");
      assertThat(d.path("outcome").asText()).startsWith("LOST");
      assertThat(d.path("delivered").asInt()).isZero();
    });
    assertThat(results.get(2).path("reason").asText()).contains("no LIVE VIDEO device");
    // none lost: every submitted task is kept and terminal
    JsonNode all = platform.rest.get(platform.bs("/api/tasks?limit=1000")).body();
    assertThat(all.size()).isEqualTo(before + ids.size());
    Set<String> terminal = new HashSet<>();
    all.forEach(t -> {
      if (Platform.terminal(t)) {
        terminal.add(t.path("id").asText());
      }
    });
    assertThat(terminal).containsAll(ids).hasSize(all.size());
    assertThat(platform.bsDevice("video-0").orElseThrow().path("status").asText()).isEqualTo("LOST");
    assertSummaryEqualsTaskResults();
  }

  @Test
  @Order(3)
  void aDeviceWithAWrongTokenIsRefusedWhileTheOthersKeepServing() {
    double refusedBefore = bsMetric("bs_devices_refused_total");
    Platform.Device impostor = new Platform.Device("video-9", "video", 4.0e6, 10, 10);
    platform.startDevices("impostor", "not-the-token", impostor);
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> bsMetric("bs_devices_refused_total") > refusedBefore);
      String health = "http://127.0.0.1:" + ServiceApp.httpPort(platform.devices("impostor")) + "/actuator/health";
      JsonNode link = platform.rest.get(health).body().path("components").path("deviceLink").path("details");
      assertThat(link.path("attached").asInt()).isZero();
      assertThat(link.path("links").path("video-9").path("state").asText()).isNotEqualTo("attached");
      assertThat(platform.bsDevice("video-9")).isEmpty();

      platform.awaitLive(Duration.ofSeconds(30), "video-0", "audio-0", "text-0");
      JsonNode t = platform.awaitTask(platform.submit(Map.of("count", 5, "mode", "fixed:V+A+T")), TASK_TIMEOUT);
      assertThat(t.path("status").asText()).as(t.path("reason").asText()).isEqualTo("DONE");
      // the three legitimate devices served it, the impostor never (a device may serve two rounds)
      assertThat(t.path("devices")).extracting(d -> d.path("deviceId").asText())
          .containsOnly("video-0", "audio-0", "text-0").contains("video-0", "audio-0", "text-0");
    } finally {
      platform.stopDevices("impostor");
    }
  }

  @Test
  @Order(4)
  void malformedRestInputsAreRefusedNamingTheFieldAndThePlatformKeepsServing() {
    String tasks = platform.bs("/api/tasks");
    assertThat(platform.rest.withApiKey(Optional.empty()).post(tasks, Map.of("count", 1, "mode", "full")).status())
        .isEqualTo(401);
    assertThat(platform.rest.withApiKey(Optional.of("wrong")).post(tasks, Map.of("count", 1, "mode", "full")).status())
        .isEqualTo(401);
    assertProblem(platform.rest.withApiKey(KEY).post(tasks, Map.of("count", 1, "mode", "sideways")), 400, "mode");
    assertProblem(platform.rest.withApiKey(KEY).post(tasks, Map.of("count", 0, "mode", "full")), 400, "count");
    assertProblem(platform.rest.withApiKey(KEY).post(tasks, Map.of("count", 601, "mode", "full")), 400, "count");
    assertProblem(platform.rest.withApiKey(KEY).post(tasks,
        Map.of("sampleIds", List.of("no-such-sample"), "mode", "full")),
        400, "sampleIds[0]");
    assertProblem(platform.rest.withApiKey(KEY).post(tasks,
        Map.of("count", 1, "mode", "full", "deadlineSeconds", -1)),
        400, "deadlineSeconds");
    assertProblem(platform.rest.withApiKey(KEY).postRaw(tasks, "{\"count\": \"many\", \"mode\": \"full\"}"), 400, "count");
    JsonResponse truncated = platform.rest.withApiKey(KEY).postRaw(tasks, "{\"count\": 1, \"mode\": ");
    assertThat(truncated.status()).isEqualTo(400);
    assertThat(truncated.body().path("detail").asText()).startsWith("malformed JSON");
    JsonResponse unknown = platform.rest.get(platform.bs("/api/tasks/t-999999"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("detail").asText()).contains("t-999999");
    assertProblem(platform.rest.withApiKey(KEY).post(platform.bs("/api/experiments"), Map.of("samples", 0)), 400, "samples");
    assertProblem(platform.rest.withApiKey(KEY).post(platform.bs("/api/experiments"),
        Map.of("samples", 2, "modes", List.of("full", "x"))), 400, "modes[1]");
    // the training service the same way, behind the same key
    assertThat(platform.rest.withApiKey(Optional.empty()).post(platform.training("/api/jobs"), Map.of()).status())
        .isEqualTo(401);
    assertProblem(platform.rest.withApiKey(KEY).post(platform.training("/api/jobs"),
        Map.of("experts", List.of("V", "X"))), 400, "experts[1]");
    assertProblem(platform.rest.withApiKey(KEY).post(platform.training("/api/jobs"),
        Map.of("lambdas", List.of(-1.0))), 400, "lambdas[0]");
    assertThat(platform.rest.get(platform.training("/api/jobs/999999")).status()).isEqualTo(404);

    assertStillServing();
  }

  @Test
  @Order(5)
  void malformedGrpcInputsAreRefusedAndThePlatformKeepsServing() throws Exception {
    DatasetCatalog catalog = platform.bs.getBean(DatasetCatalog.class);
    Register.Builder valid = Register.newBuilder()
        .setDeviceId("probe-0")
        .setModality(io.isacemu.proto.Modality.MODALITY_TEXT)
        .setSensingRateBps(100)
        .setTxPowerDbm(23)
        .setCpuHz(1e9)
        .setPosition(Position.newBuilder().setXM(30).setYM(30))
        .setFeatureDim(catalog.featureDim(Modality.TEXT).orElseThrow())
        .setSequenceLength(catalog.sequenceLength(Modality.TEXT).orElseThrow())
        .setDatasetFingerprint(catalog.fingerprint())
        .setSoftwareVersion("0.1.0")
        .setAuthToken(Platform.DEVICE_TOKEN);
    Duration wait = Duration.ofSeconds(10);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.bsGrpcPort).usePlaintext().build();
    try {
      // a message with no kind: the stream ends INVALID_ARGUMENT
      try (RawDeviceLink link = new RawDeviceLink(channel)) {
        link.send(DeviceMessage.getDefaultInstance());
        Status s = link.end(wait);
        assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(s.getDescription()).contains("kind");
      }
      // anything but Register first: Disconnect, stream closed
      try (RawDeviceLink link = new RawDeviceLink(channel)) {
        link.send(DeviceMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
        BsMessage m = link.next(wait);
        assertThat(m.getDisconnect().getReason()).contains("register");
        assertThat(link.end(wait).isOk()).isTrue();
      }
      // a Register with a NaN power or a negative sensing rate: refused, naming the field
      for (Register bad : List.of(valid.clone().setTxPowerDbm(Double.NaN).build(),
          valid.clone().setSensingRateBps(-100).build())) {
        try (RawDeviceLink link = new RawDeviceLink(channel)) {
          link.send(DeviceMessage.newBuilder().setRegister(bad).build());
          BsMessage ack = link.next(wait);
          assertThat(ack.getRegisterAck().getAccepted()).isFalse();
          assertThat(ack.getRegisterAck().getReason()).matches("(tx_power_dbm: NaN|sensing_rate_bps: -100).*");
          assertThat(link.end(wait).isOk()).isTrue();
        }
      }
      assertThat(platform.bsDevice("probe-0")).isEmpty();

      // an admitted probe: reports with a NaN SNR or a negative energy are ignored and counted, a valid
      // one is taken; a second Register ends the stream INVALID_ARGUMENT
      try (RawDeviceLink link = new RawDeviceLink(channel)) {
        link.send(DeviceMessage.newBuilder().setRegister(valid).build());
        assertThat(link.next(wait).getRegisterAck().getAccepted()).isTrue();
        link.send(report(1, Double.NaN, 0));
        link.send(report(2, 10, -1));
        await().atMost(wait).untilAsserted(() ->
            assertThat(platform.bsDevice("probe-0").orElseThrow().path("invalidReports").asInt()).isEqualTo(2));
        link.send(report(3, 10, 0.5));
        await().atMost(wait).untilAsserted(() -> {
          JsonNode probe = platform.bsDevice("probe-0").orElseThrow();
          assertThat(probe.path("lastSequenceNumber").asInt()).isEqualTo(3);
          assertThat(probe.path("snrDb").asDouble()).isEqualTo(10.0);
          assertThat(probe.path("status").asText()).isEqualTo("LIVE");
        });
        link.send(DeviceMessage.newBuilder().setRegister(valid).build());
        Status s = link.end(wait);
        assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(s.getDescription()).contains("register");
      }
      await().atMost(wait).untilAsserted(() ->
          assertThat(platform.bsDevice("probe-0").orElseThrow().path("status").asText()).isEqualTo("LOST"));
    } finally {
      channel.shutdownNow();
    }

    // the training service's ModelRegistry: an out-of-range chunk size, an unknown version
    ManagedChannel registry = NettyChannelBuilder.forAddress("127.0.0.1", platform.trainingGrpcPort).usePlaintext()
        .build();
    try {
      ModelRegistryGrpc.ModelRegistryBlockingStub stub = ModelRegistryGrpc.newBlockingStub(registry);
      StatusRuntimeException tooSmall = catchThrowableOfType(StatusRuntimeException.class,
          () -> stub.download(DownloadRequest.newBuilder().setChunkSizeBytes(5).build()).next());
      assertThat(tooSmall.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(tooSmall.getStatus().getDescription()).startsWith("chunk_size_bytes: 5");
      StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
          () -> stub.download(DownloadRequest.newBuilder().setVersion("no-such-version").build()).next());
      assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      // and a well-formed download still works
      assertThat(stub.download(DownloadRequest.newBuilder().setVersion(bundleVersion).build()).next().getVersion())
          .isEqualTo(bundleVersion);
    } finally {
      registry.shutdownNow();
    }

    assertStillServing();
  }

  private static DeviceMessage report(long seq, double snrDb, double energyJ) {
    Instant now = Instant.now();
    return DeviceMessage.newBuilder().setStateReport(StateReport.newBuilder()
        .setSequenceNumber(seq)
        .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setSnrDb(snrDb)
        .setTxPowerDbm(23)
        .setCpuLoad(0)
        .setEnergyUsedJ(energyJ)
        .setPosition(Position.newBuilder().setXM(30).setYM(30))
        .setSpeedMps(0)).build();
  }

  /** Every service healthy, the three devices LIVE, and a V+A+T task served in full. */
  private static void assertStillServing() {
    assertThat(platform.rest.get(platform.bs("/actuator/health")).body().path("status").asText()).isEqualTo("UP");
    assertThat(platform.rest.get(platform.training("/actuator/health")).body().path("status").asText())
        .isEqualTo("UP");
    platform.awaitLive(Duration.ofSeconds(30), "video-0", "audio-0", "text-0");
    JsonNode t = platform.awaitTask(platform.submit(Map.of("count", 3, "mode", "fixed:V+A+T")), TASK_TIMEOUT);
    assertThat(t.path("status").asText()).as(t.path("reason").asText()).isEqualTo("DONE");
  }

  private static void assertProblem(JsonResponse r, int status, String field) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.body().path("field").asText()).as(r.raw()).isEqualTo(field);
    assertThat(r.body().path("detail").asText()).as(r.raw()).startsWith(field);
  }

  /** GET /api/summary equals the aggregation of GET /api/tasks (no task may finish in between). */
  private static void assertSummaryEqualsTaskResults() {
    JsonNode tasks = platform.rest.get(platform.bs("/api/tasks?limit=1000")).body();
    JsonNode summary = platform.rest.get(platform.bs("/api/summary")).body();
    assertThat(platform.rest.get(platform.bs("/api/tasks?limit=1000")).body()).as("no task changed meanwhile").isEqualTo(tasks);
    SummaryCheck.assertMatches(summary, tasks);
  }

  /** The value of a counter on the BS's Prometheus endpoint (0 when absent). */
  private static double bsMetric(String name) {
    String text = platform.rest.get(platform.bs("/actuator/prometheus")).raw();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
