package io.isacemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.bs.BsServiceApplication;
import io.isacemu.bs.registry.DeviceLinkServer;
import io.isacemu.device.DeviceServiceApplication;
import io.isacemu.device.config.DeviceFleet;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import io.isacemu.training.TrainingServiceApplication;
import io.isacemu.support.GrpcServerLifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in this JVM: the real training-service, bs-service and device-services, each
 * its own Spring Boot context on free loopback ports (HTTP and gRPC), wired as in the demo: the BS
 * fetches bundles from the training service's gRPC registry, the devices attach to the BS's gRPC
 * DeviceLink. Mutating BS endpoints need {@link #API_KEY}; devices present {@link #DEVICE_TOKEN}.
 */
final class Platform implements AutoCloseable {

  static final String API_KEY = "it-api-key";
  static final String DEVICE_TOKEN = "it-device-token";

  /**
   * One emulated device (static: the channel still has seeded shadowing and fading).
   *
   * @param id device id
   * @param modality video, audio or text
   * @param sensingRateBps m_k, bit/s
   * @param xM east position, m
   * @param yM north position, m
   */
  record Device(String id, String modality, double sensingRateBps, double xM, double yM) {}

  static final Device VIDEO = new Device("video-0", "video", 4.0e6, 50, 0);
  static final Device AUDIO = new Device("audio-0", "audio", 128.0e3, 0, 80);
  static final Device TEXT = new Device("text-0", "text", 100, -60, -60);

  final JsonHttpClient rest = new JsonHttpClient();
  final ConfigurableApplicationContext training;
  final ConfigurableApplicationContext bs;
  final int bsGrpcPort;
  final int trainingGrpcPort;
  private final String trainingUrl;
  private final String bsUrl;
  private final Map<String, ConfigurableApplicationContext> deviceServices = new LinkedHashMap<>();

  private Platform(ConfigurableApplicationContext training, ConfigurableApplicationContext bs) {
    this.training = training;
    this.bs = bs;
    this.trainingGrpcPort = training.getBean(GrpcServerLifecycle.class).port();
    this.bsGrpcPort = bs.getBean(DeviceLinkServer.class).port();
    this.trainingUrl = "http://127.0.0.1:" + ServiceApp.httpPort(training);
    this.bsUrl = "http://127.0.0.1:" + ServiceApp.httpPort(bs);
  }

  /**
   * Starts the training service (bundles under {@code work}) and the BS pointing at its registry.
   *
   * @param timeScaleFactor wall seconds per emulated second the BS sends with each command (1 = real
   *     time, 4 = four times slower)
   */
  static Platform start(Path work, double timeScaleFactor) {
    return start(work, timeScaleFactor, Map.of());
  }

  /** As {@link #start(Path, double)}, with {@code bsExtra} BS properties on top (e.g. the time mode). */
  static Platform start(Path work, double timeScaleFactor, Map<String, Object> bsExtra) {
    ConfigurableApplicationContext training = ServiceApp.start(TrainingServiceApplication.class, Map.of(
        "server.port", 0,
        "isac.training.grpc-port", 0,
        "isac.training.bundle-dir", work.resolve("bundles"),
        "isac.training.api-key", API_KEY));
    try {
      int registry = training.getBean(GrpcServerLifecycle.class).port();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("server.port", 0);
      p.put("isac.bs.grpc-port", 0);
      p.put("isac.bs.registry-target", "127.0.0.1:" + registry);
      p.put("isac.bs.api-key", API_KEY);
      // a fresh task store per run (the service's default is a file under the working directory)
      p.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("bs-tasks").toAbsolutePath() + ";WRITE_DELAY=0");
      p.put("isac.bs.storage.bundle-cache-dir", work.resolve("bs-bundle").toAbsolutePath().toString());
      p.put("isac.bs.auth.shared-token", DEVICE_TOKEN);
      // liveness: reports every second, LOST after 5 s of silence — generous, because a busy shared
      // machine can stall a report for most of a second (a tight timeout would drop healthy devices);
      // a killed device is detected at once anyway, by its stream ending
      p.put("isac.bs.report-period-ms", 1000);
      p.put("isac.bs.lost-after-reports", 5);
      p.put("isac.bs.time-scale-factor", timeScaleFactor);
      // one task at a time: a device serves one command at a time (a second one is answered BUSY),
      // so concurrent tasks would degrade each other and blur what the device-kill test observes
      p.put("isac.bs.task-threads", 1);
      p.put("isac.bs.task-history", 100000);
      p.putAll(bsExtra);
      return new Platform(training, ServiceApp.start(BsServiceApplication.class, p));
    } catch (RuntimeException e) {
      training.close();
      throw e;
    }
  }

  /** The training service's ModelRegistry gRPC port. */
  int trainingGrpcPort() {
    return trainingGrpcPort;
  }

  String training(String path) {
    return trainingUrl + path;
  }

  String bs(String path) {
    return bsUrl + path;
  }

  /**
   * Starts a device-service context named {@code name} hosting {@code devices} (configuration
   * order = platform device index), presenting {@code token} to the BS.
   */
  ConfigurableApplicationContext startDevices(String name, String token, Device... devices) {
    return startDevices(name, token, Map.of(), devices);
  }

  /** As above, with {@code extra} device-service properties on top (e.g. the time mode, mobility). */
  ConfigurableApplicationContext startDevices(String name, String token, Map<String, Object> extra,
      Device... devices) {
    if (deviceServices.containsKey(name)) {
      throw new IllegalStateException("device-service " + name + " is already running");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("server.port", 0);
    p.put("isac.device.bs.host", "127.0.0.1");
    p.put("isac.device.bs.port", bsGrpcPort);
    p.put("isac.device.radio.bs-antennas", 4);
    for (int i = 0; i < devices.length; i++) {
      String d = "isac.device.devices[" + i + "].";
      p.put(d + "id", devices[i].id());
      p.put(d + "modality", devices[i].modality());
      p.put(d + "sensing-rate-bps", devices[i].sensingRateBps());
      p.put(d + "tx-power-dbm", 23);
      p.put(d + "cpu-hz", 1.0e9);
      p.put(d + "flops-per-cycle", 8);
      p.put(d + "x-m", devices[i].xM());
      p.put(d + "y-m", devices[i].yM());
      p.put(d + "mobility.type", "static");
      // the BS's isac.bs.sensing-power-w (its default 0.1 W; the device's default is 0): both sides
      // then model the same sensing energy, which the accounting check of PlatformEndToEndTest compares
      p.put(d + "sensing-power-w", 0.1);
      p.put(d + "auth-token", token);
    }
    p.putAll(extra);
    ConfigurableApplicationContext ctx = ServiceApp.start(DeviceServiceApplication.class, p);
    deviceServices.put(name, ctx);
    return ctx;
  }

  /** Closes device-service {@code name} (its agents half-close their sessions, as on SIGTERM). */
  void stopDevices(String name) {
    ConfigurableApplicationContext ctx = deviceServices.remove(name);
    if (ctx == null) {
      throw new IllegalStateException("device-service " + name + " is not running");
    }
    ctx.close();
  }

  /**
   * Kills device-service {@code name} the fastest way: its agents stop at once (each half-closes its
   * session, so the BS sees the stream end), then the context closes. Closing the context alone
   * first shuts the web server down gracefully, which on a busy machine can take longer than the
   * command the test means to interrupt.
   */
  void killDevices(String name) {
    devices(name).getBean(DeviceFleet.class).close();
    stopDevices(name);
  }

  /** Whether device-service {@code name} is running. */
  boolean running(String name) {
    return deviceServices.containsKey(name);
  }

  /** The device-service context {@code name}. */
  ConfigurableApplicationContext devices(String name) {
    return Optional.ofNullable(deviceServices.get(name))
        .orElseThrow(() -> new IllegalStateException("device-service " + name + " is not running"));
  }

  /** The BS's view of {@code deviceId} ({@code GET /api/devices}), if it knows the device. */
  Optional<JsonNode> bsDevice(String deviceId) {
    for (JsonNode d : rest.get(bs("/api/devices")).body()) {
      if (d.path("deviceId").asText().equals(deviceId)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Waits until the BS lists every one of {@code deviceIds} as LIVE. */
  void awaitLive(Duration atMost, String... deviceIds) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      for (String id : deviceIds) {
        assertThat(bsDevice(id)).as("BS view of %s", id).hasValueSatisfying(
            d -> assertThat(d.path("status").asText()).isEqualTo("LIVE"));
      }
    });
  }

  /** Submits a task ({@code POST /api/tasks}) and returns its id. */
  String submit(Map<String, ?> body) {
    JsonResponse r = rest.withApiKey(Optional.of(API_KEY)).post(bs("/api/tasks"), body);
    assertThat(r.status()).as("POST /api/tasks %s -> %s", body, r.raw()).isEqualTo(202);
    return r.body().path("id").asText();
  }

  /** Waits until task {@code id} is terminal and returns it. */
  JsonNode awaitTask(String id, Duration atMost) {
    List<JsonNode> last = new ArrayList<>(1);
    await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
      JsonResponse r = rest.get(bs("/api/tasks/" + id));
      assertThat(r.status()).as("GET /api/tasks/%s", id).isEqualTo(200);
      last.clear();
      last.add(r.body());
      return terminal(r.body());
    });
    return last.get(0);
  }

  static boolean terminal(JsonNode task) {
    return List.of("DONE", "DEGRADED", "FAILED").contains(task.path("status").asText());
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(deviceServices.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      stopDevices(names.get(i));
    }
    bs.close();
    training.close();
  }
}
