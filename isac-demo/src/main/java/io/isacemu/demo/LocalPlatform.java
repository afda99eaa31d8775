package io.isacemu.demo;

import io.isacemu.experiments.Endpoints;
import io.isacemu.http.JsonHttpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The platform on loopback: training-service, bs-service and three device-services as separate
 * JVMs on free ports, fresh state each run; {@link #stopAll} stops every one it started.
 */
final class LocalPlatform {

  /** The three demo devices: id, modality, sensing rate bit/s, x m, y m. */
  static final String[][] DEVICES = {
      {"video-0", "video", "4.0e6", "50", "0"},
      {"audio-0", "audio", "128.0e3", "0", "80"},
      {"text-0", "text", "100", "-60", "-60"}};

  private final Path repo;
  private final Path out;
  private final String apiKey;
  private final DemoDataset dataset;
  private final JsonHttpClient http;
  private final ServiceProbe probe;
  private final DemoLog log;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final PlatformConfig config;

  LocalPlatform(Path repo, Path out, String apiKey, JsonHttpClient http, ServiceProbe probe, DemoLog log) {
    this(repo, out, apiKey, DemoDataset.SYNTHETIC, http, probe, log, PlatformConfig.DEMO);
  }

  /**
   * @param dataset the demo's {@code --dataset} (the synthetic default for a scenario, whose own
   *     dataset section is in {@code config})
   * @param config the services' start-up settings: today's demo or a scenario's base values
   */
  private final Map<String, String> deviceServiceUrls = new LinkedHashMap<>();

  LocalPlatform(Path repo, Path out, String apiKey, DemoDataset dataset, JsonHttpClient http, ServiceProbe probe,
      DemoLog log, PlatformConfig config) {
    this.config = config;
    this.repo = repo;
    this.out = out;
    this.apiKey = apiKey;
    this.dataset = dataset;
    this.http = http;
    this.probe = probe;
    this.log = log;
  }

  /** What clocks the devices' traces: {@code emulated} (default, reproducible per seed) or {@code wall} ({@code ISAC_TIME}). */
  static final String TIME_MODE = "wall".equalsIgnoreCase(System.getenv("ISAC_TIME")) ? "wall" : "emulated";

  /** Starts every service and waits until the three devices are LIVE at the BS. */
  Endpoints start() throws IOException, InterruptedException {
    Path logs = out.resolve("logs");
    int trainHttp = freePort(), trainGrpc = freePort(), bsHttp = freePort(), bsGrpc = freePort();
    // the training service's job records: fresh each run (a job left over from an interrupted run
    // would otherwise resume first and hold up this run's)
    Path jobData = out.resolve("work/training-jobs");
    deleteTree(jobData);
    List<String> trainingArgs = new ArrayList<>(List.of(
        "--server.port=" + trainHttp, "--isac.training.grpc-port=" + trainGrpc,
        "--isac.training.bundle-dir=" + out.resolve("work/bundles"), "--isac.training.api-key=" + apiKey,
        "--spring.datasource.url=jdbc:h2:file:" + jobData.toAbsolutePath().resolve("jobs") + ";WRITE_DELAY=0"));
    trainingArgs.addAll(dataset.trainingArgs());
    ManagedProcess training = new ManagedProcess("training-service", jar(repo, "training-service"), trainingArgs,
        logs.resolve("training-service.log"), trainHttp);
    // the BS's task records and bundle cache: fresh each run, so that Table I counts this run's tasks
    // only and no bundle of an earlier run serves
    Path bsData = out.resolve("work/bs");
    deleteTree(bsData);
    // each device its own random token, known to the BS only for that id (the gRPC port is not loopback-only)
    Map<String, String> tokens = new LinkedHashMap<>();
    for (PlatformConfig.DeviceJvm j : config.jvms()) {
      j.devices().forEach(d -> tokens.put(d.id(), UUID.randomUUID().toString()));
    }
    List<String> bsArgs = new ArrayList<>(List.of(
        "--server.port=" + bsHttp, "--isac.bs.grpc-port=" + bsGrpc,
        "--isac.bs.registry-target=127.0.0.1:" + trainGrpc, "--isac.bs.api-key=" + apiKey,
        "--isac.bs.task-history=100000",
        // issue 13: the BS owns emulated time and stamps every command; one task in flight, so the same
        // seed gives the same per-sample records (ISAC_TIME=wall: the devices' wall clocks, as before)
        "--isac.bs.emulation.time=" + TIME_MODE,
        "--isac.bs.task-threads=" + (TIME_MODE.equals("emulated") ? 1 : 2),
        "--isac.bs.storage.bundle-cache-dir=" + bsData.toAbsolutePath().resolve("bundle"),
        "--spring.datasource.url=jdbc:h2:file:" + bsData.toAbsolutePath().resolve("tasks") + ";WRITE_DELAY=0"));
    bsArgs.addAll(config.bsArgs());
    tokens.forEach((id, token) -> bsArgs.add("--isac.bs.auth.device-tokens." + id + "=" + token));
    // a device the scenario runner adds at run time (fleet API) presents the shared token
    String shared = UUID.randomUUID().toString();
    bsArgs.add("--isac.bs.auth.shared-token=" + shared);
    bsArgs.addAll(dataset.serviceArgs("--isac.bs.dataset."));
    ManagedProcess bs = new ManagedProcess("bs-service", jar(repo, "bs-service"), bsArgs,
        logs.resolve("bs-service.log"), bsHttp);
    log.say("starting training-service (REST %d, gRPC %d) and bs-service (REST %d, gRPC %d) on %s, %s time; logs in %s",
        trainHttp, trainGrpc, bsHttp, bsGrpc, dataset.describe(), TIME_MODE, logs);
    start(training);
    start(bs);
    training.awaitHealthy(http.client(), Duration.ofMinutes(3));
    bs.awaitHealthy(http.client(), Duration.ofMinutes(3));
    List<ManagedProcess> devs = new ArrayList<>();
    for (PlatformConfig.DeviceJvm j : config.jvms()) {
      int port = freePort();
      List<String> args = new ArrayList<>(jvmArgs(j.devices(), port, bsGrpc, trainGrpc, tokens));
      args.addAll(config.deviceArgs());
      args.add("--isac.device.time=" + TIME_MODE);
      args.add("--isac.device.api-key=" + apiKey); // the fleet API's writes
      args.add("--isac.device.shared-auth-token=" + shared);
      args.addAll(dataset.serviceArgs("--isac.device.dataset."));
      ManagedProcess dp = new ManagedProcess(j.name(), jar(repo, "device-service"), args,
          logs.resolve(j.name() + ".log"), port);
      start(dp);
      devs.add(dp);
      deviceServiceUrls.put(j.name(), "http://127.0.0.1:" + port);
    }
    log.say("starting %d device-services (%d devices)", config.jvms().size(), config.deviceCount());
    for (ManagedProcess dp : devs) {
      dp.awaitHealthy(http.client(), Duration.ofMinutes(3));
    }
    probe.awaitDevices("http://127.0.0.1:" + bsHttp, config.deviceCount());
    return new Endpoints("http://127.0.0.1:" + trainHttp, "http://127.0.0.1:" + bsHttp);
  }

  /**
   * {@code --keep-running}: starts experiment-service on the platform at {@code at} (same API key,
   * results under {@code <out>/experiments}) and returns its URL.
   */
  String startExperimentService(Endpoints at) throws IOException, InterruptedException {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--isac.experiments.bs-url=" + at.bsUrl(),
        "--isac.experiments.training-url=" + at.trainingUrl(), "--isac.experiments.api-key=" + apiKey,
        "--isac.experiments.results-dir=" + out.resolve("experiments").toAbsolutePath()));
    List<String> deviceUrls = List.copyOf(deviceServiceUrls.values());
    for (int i = 0; i < deviceUrls.size(); i++) {
      args.add("--isac.experiments.device-urls[" + i + "]=" + deviceUrls.get(i));
    }
    ManagedProcess xs = new ManagedProcess("experiment-service", jar(repo, "experiment-service"), args,
        out.resolve("logs").resolve("experiment-service.log"), port);
    start(xs);
    xs.awaitHealthy(http.client(), Duration.ofMinutes(3));
    return "http://127.0.0.1:" + port;
  }

  /** The services' API key in {@code <out>/work/api-key}, owner-only (it must not reach a log); the file's path. */
  Path writeApiKey() throws IOException {
    Path f = Files.createDirectories(out.resolve("work")).resolve("api-key");
    Files.deleteIfExists(f);
    Files.createFile(f, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(f, apiKey);
    return f.toAbsolutePath();
  }

  /** Each started device-service's base URL by its name (e.g. {@code device-service-video}), in start order. */
  Map<String, String> deviceServiceUrls() {
    return Map.copyOf(deviceServiceUrls);
  }

  /** Stops every process started, the last first; safe to call again (and from the shutdown hook). */
  synchronized void stopAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    processes.clear();
  }

  private synchronized void start(ManagedProcess p) throws IOException {
    processes.add(p);
    p.start();
  }

  /** The command-line arguments of one demo device-service (one device {@code d} of {@link #DEVICES}). */
  static List<String> deviceArgs(String[] d, int httpPort, int bsGrpc, int trainGrpc) {
    return deviceArgs(d, httpPort, bsGrpc, trainGrpc, "");
  }

  /** As {@link #deviceArgs(String[], int, int, int)}, presenting {@code token} at Register. */
  static List<String> deviceArgs(String[] d, int httpPort, int bsGrpc, int trainGrpc, String token) {
    List<String> args = new ArrayList<>(jvmArgs(List.of(new PlatformConfig.Device(d[0], PlatformConfig.demoProps(d))),
        httpPort, bsGrpc, trainGrpc, Map.of(d[0], token)));
    args.addAll(PlatformConfig.DEMO.deviceArgs());
    return args;
  }

  /**
   * The command-line arguments of one device-service holding {@code devices}, each presenting its
   * token; the radio and the rest come from {@link PlatformConfig#deviceArgs()} (Spring joins a
   * repeated option's values, so each key is given once).
   */
  static List<String> jvmArgs(List<PlatformConfig.Device> devices, int httpPort, int bsGrpc, int trainGrpc,
      Map<String, String> tokens) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + httpPort, "--isac.device.bs.host=127.0.0.1", "--isac.device.bs.port=" + bsGrpc,
        // the devices fetch the trained encoders too, so the BS can schedule LOCAL processing
        "--isac.device.model.registry-target=127.0.0.1:" + trainGrpc));
    for (int i = 0; i < devices.size(); i++) {
      PlatformConfig.Device d = devices.get(i);
      String p = "--isac.device.devices[" + i + "].";
      args.add(p + "auth-token=" + tokens.getOrDefault(d.id(), ""));
      args.add(p + "id=" + d.id());
      d.props().forEach(kv -> args.add(p + kv));
    }
    return args;
  }

  /** The runnable jar of {@code module} in {@code repo} (built beforehand). */
  static Path jar(Path repo, String module) throws IOException {
    Path dir = repo.resolve(module).resolve("target");
    try (var files = Files.list(dir)) {
      // the runnable fat jar carries the classifier exec; <module>-<version>.jar is the plain library jar
      return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*-exec\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException(module + ": no runnable " + module + "-*-exec.jar in " + dir + "; build first"));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(module + ": " + dir + " does not exist; run mvn package -DskipTests first", e);
    }
  }

  static int freePort() throws IOException {
    // Below Linux's ephemeral range (32768-60999): a port the OS hands out for ServerSocket(0) is one it
    // may also hand to another process's outgoing connection before the service binds it (seen once in
    // CI: a device-service exited at start). A random bindable port from 20000-32767 avoids that race.
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + r.nextInt(12_768);
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new java.net.InetSocketAddress(port)); // the wildcard: taken on any address = taken
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
