package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * README command 1: starts training-service, bs-service and three device-services (video, audio,
 * text) as separate JVMs on loopback, trains on the embedded synthetic default, waits until the BS
 * serves the bundle, runs the test samples through every gate mode (one sample per task), prints
 * Table I extended, writes it as JSON and CSV, and stops everything it started — also on Ctrl-C.
 *
 * <p>Attach mode ({@code --training-url URL --bs-url URL [--api-key KEY]}, key also from {@code
 * BS_API_KEY}): starts nothing, waits for already running services (docker-compose's {@code demo}
 * service, a Kubernetes job) and runs the same training and experiment against them.
 *
 * <pre>java -jar isac-demo/target/isac-demo.jar [--samples N] [--epochs E] [--lambda L] [--out DIR] [--repo DIR]</pre>
 */
public final class DemoLauncher {

  /** Gate modes in table order. */
  static final List<String> MODES = List.of("fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand");

  private final Path repo;
  private final Path out;
  private final int samples;
  private final int epochs;
  private final double deployLambda;
  private final List<ManagedProcess> processes = new ArrayList<>();
  /** Attach mode: the services' URLs (training, BS); empty = start every service here as a JVM. */
  private final Optional<Endpoints> attach;
  private final String apiKey;
  private final JsonHttpClient http;
  private final long started = System.nanoTime();

  /** The λ sweep of the training job; the deployed gate is one of them. */
  static final List<Double> LAMBDAS = List.of(0.0, 0.3, 0.5, 0.7, 1.0);

  /** Base URLs of already running services, e.g. {@code http://bs-service:8080}. */
  record Endpoints(String trainingUrl, String bsUrl) {
    Endpoints {
      trainingUrl = url("training-url", trainingUrl);
      bsUrl = url("bs-url", bsUrl);
    }

    private static String url(String field, String v) {
      try {
        URI u = URI.create(v.trim());
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
          throw new IllegalArgumentException(field + ": '" + v + "' is not an http(s) URL with a host");
        }
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(field + ":")) {
          throw e;
        }
        throw new IllegalArgumentException(field + ": '" + v + "' is not a URL", e);
      }
    }
  }

  DemoLauncher(Path repo, Path out, int samples, int epochs, double deployLambda) {
    this(repo, out, samples, epochs, deployLambda, Optional.empty(), UUID.randomUUID().toString());
  }

  DemoLauncher(Path repo, Path out, int samples, int epochs, double deployLambda, Optional<Endpoints> attach,
      String apiKey) {
    if (!LAMBDAS.contains(deployLambda)) {
      throw new IllegalArgumentException("lambda: " + deployLambda + " is not one of " + LAMBDAS);
    }
    this.repo = repo;
    this.out = out;
    this.samples = samples;
    this.epochs = epochs;
    this.deployLambda = deployLambda;
    this.attach = attach;
    this.apiKey = apiKey;
    this.http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(apiKey);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
    Path out = Path.of(opts.getOrDefault("out", repo.resolve("results").toString())).toAbsolutePath();
    int samples = positive("samples", opts.getOrDefault("samples", "200"));
    int epochs = positive("epochs", opts.getOrDefault("epochs", "20"));
    if (samples > 600) {
      throw new IllegalArgumentException("samples: " + samples + " exceeds the 600 test samples of the embedded default");
    }
    double lambda = lambda(opts.getOrDefault("lambda", "0.5"));
    Optional<Endpoints> attach = attach(opts);
    String apiKey = attach.isEmpty() ? UUID.randomUUID().toString()
        : opts.getOrDefault("api-key", System.getenv().getOrDefault("BS_API_KEY", ""));
    if (attach.isPresent() && apiKey.isBlank()) {
      throw new IllegalArgumentException("api-key: empty; attach mode needs the BS's API key (--api-key or BS_API_KEY)");
    }
    DemoLauncher demo = new DemoLauncher(repo, out, samples, epochs, lambda, attach, apiKey);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.stopping = true;
      demo.stopAll();
    }, "demo-shutdown"));
    try {
      demo.run();
    } catch (Exception e) {
      if (demo.stopping) {
        System.err.println("[demo] interrupted: stopped every service it started");
        return;
      }
      System.err.println("[demo] failed: " + e.getMessage() + " (service logs in " + out.resolve("logs") + ")");
      demo.stopAll();
      System.exit(1);
    } finally {
      demo.stopAll();
    }
  }

  /** Set by the shutdown hook (Ctrl-C, SIGTERM): errors after it are the services going away. */
  volatile boolean stopping;

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("arguments: expected --name value pairs, got '" + a + "'");
      }
      String key = a.substring(2);
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException("arguments: unknown option '--" + key + "' (known: --"
            + String.join(" --", OPTIONS) + ")");
      }
      m.put(key, args[++i]);
    }
    return m;
  }

  static final List<String> OPTIONS =
      List.of("samples", "epochs", "lambda", "out", "repo", "training-url", "bs-url", "api-key");

  /** Attach mode needs both URLs; one without the other is a mistake, not a hint. */
  static Optional<Endpoints> attach(Map<String, String> opts) {
    boolean t = opts.containsKey("training-url"), b = opts.containsKey("bs-url");
    if (t != b) {
      throw new IllegalArgumentException((t ? "bs-url" : "training-url")
          + ": missing; attach mode needs both --training-url and --bs-url");
    }
    return t ? Optional.of(new Endpoints(opts.get("training-url"), opts.get("bs-url"))) : Optional.empty();
  }

  static double lambda(String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lambda: '" + v + "' is not a number", e);
    }
  }

  static int positive(String field, String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new IllegalArgumentException(field + ": " + n + " must be >= 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + v + "' is not an integer", e);
    }
  }

  private void say(String fmt, Object... args) {
    double t = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", t, String.format(Locale.ROOT, fmt, args));
  }

  void run() throws Exception {
    Endpoints at = attach.isPresent() ? awaitAttached(attach.get()) : launchLocal();
    experiment(at.trainingUrl(), at.bsUrl());
  }

  /** Attach mode (docker-compose, Kubernetes): the services run elsewhere; wait until they are ready. */
  private Endpoints awaitAttached(Endpoints e) throws Exception {
    say("attaching to training-service %s and bs-service %s", e.trainingUrl(), e.bsUrl());
    awaitHealthy("training-service", e.trainingUrl());
    awaitHealthy("bs-service", e.bsUrl());
    awaitDevices(e.bsUrl(), 3);
    return e;
  }

  private void awaitHealthy(String name, String baseUrl) throws Exception {
    String last = "";
    for (int i = 0; i < 360; i++) {
      try {
        JsonResponse r = http.get(baseUrl + "/actuator/health");
        if (r.status() == 200) {
          say("%s is healthy", name);
          return;
        }
        last = "HTTP " + r.status();
      } catch (java.io.UncheckedIOException ex) {
        last = ex.toString();
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(name + " at " + baseUrl + " not healthy after 6 minutes (last: " + last + ")");
  }

  /** The three demo devices: id, modality, sensing rate bit/s, x m, y m. */
  static final String[][] DEVICES = {
      {"video-0", "video", "4.0e6", "50", "0"},
      {"audio-0", "audio", "128.0e3", "0", "80"},
      {"text-0", "text", "100", "-60", "-60"}};

  /** The command-line arguments of one demo device-service (one device {@code d} of {@link #DEVICES}). */
  static List<String> deviceArgs(String[] d, int httpPort, int bsGrpc, int trainGrpc) {
    return deviceArgs(d, httpPort, bsGrpc, trainGrpc, "");
  }

  /** As {@link #deviceArgs(String[], int, int, int)}, presenting {@code token} at Register. */
  static List<String> deviceArgs(String[] d, int httpPort, int bsGrpc, int trainGrpc, String token) {
    String p = "--isac.device.devices[0].";
    return List.of(p + "auth-token=" + token,
        "--server.port=" + httpPort, "--isac.device.bs.host=127.0.0.1", "--isac.device.bs.port=" + bsGrpc,
        "--isac.device.radio.bs-antennas=4",
        // the devices fetch the trained encoders too, so the BS can schedule LOCAL processing
        "--isac.device.model.registry-target=127.0.0.1:" + trainGrpc,
        p + "id=" + d[0], p + "modality=" + d[1], p + "sensing-rate-bps=" + d[2], p + "tx-power-dbm=23",
        p + "cpu-hz=1.0e9", p + "flops-per-cycle=8", p + "x-m=" + d[3], p + "y-m=" + d[4],
        p + "mobility.type=random-waypoint", p + "mobility.min-speed-mps=0.5", p + "mobility.max-speed-mps=1.5",
        p + "mobility.pause-s=1", p + "mobility.cell-radius-m=200");
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Starts training-service, bs-service and three device-services as JVMs on free loopback ports. */
  private Endpoints launchLocal() throws Exception {
    Path logs = out.resolve("logs");
    int trainHttp = freePort(), trainGrpc = freePort(), bsHttp = freePort(), bsGrpc = freePort();
    // the training service's job records: fresh each run (a job left over from an interrupted run
    // would otherwise resume first and hold up this run's)
    Path jobData = out.resolve("work/training-jobs");
    deleteTree(jobData);
    ManagedProcess training = new ManagedProcess("training-service", jar("training-service"), List.of(
        "--server.port=" + trainHttp, "--isac.training.grpc-port=" + trainGrpc,
        "--isac.training.bundle-dir=" + out.resolve("work/bundles"), "--isac.training.api-key=" + apiKey,
        "--spring.datasource.url=jdbc:h2:file:" + jobData.toAbsolutePath().resolve("jobs") + ";WRITE_DELAY=0"),
        logs.resolve("training-service.log"), trainHttp);
    // the BS's task records and bundle cache: fresh each run, so that Table I counts this run's tasks
    // only and no bundle of an earlier run serves
    Path bsData = out.resolve("work/bs");
    deleteTree(bsData);
    // each device its own random token, known to the BS only for that id (the gRPC port is not loopback-only)
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String[] d : DEVICES) {
      tokens.put(d[0], UUID.randomUUID().toString());
    }
    List<String> bsArgs = new ArrayList<>(List.of(
        "--server.port=" + bsHttp, "--isac.bs.grpc-port=" + bsGrpc,
        "--isac.bs.registry-target=127.0.0.1:" + trainGrpc, "--isac.bs.api-key=" + apiKey,
        "--isac.bs.task-history=100000",
        "--isac.bs.storage.bundle-cache-dir=" + bsData.toAbsolutePath().resolve("bundle"),
        "--spring.datasource.url=jdbc:h2:file:" + bsData.toAbsolutePath().resolve("tasks") + ";WRITE_DELAY=0"));
    tokens.forEach((id, token) -> bsArgs.add("--isac.bs.auth.device-tokens." + id + "=" + token));
    ManagedProcess bs = new ManagedProcess("bs-service", jar("bs-service"), bsArgs, logs.resolve("bs-service.log"),
        bsHttp);
    say("starting training-service (REST %d, gRPC %d) and bs-service (REST %d, gRPC %d); logs in %s",
        trainHttp, trainGrpc, bsHttp, bsGrpc, logs);
    start(training);
    start(bs);
    training.awaitHealthy(http.client(), Duration.ofMinutes(3));
    bs.awaitHealthy(http.client(), Duration.ofMinutes(3));
    String[][] devices = DEVICES;
    List<ManagedProcess> devs = new ArrayList<>();
    for (String[] d : devices) {
      int port = freePort();
      ManagedProcess dp = new ManagedProcess("device-service-" + d[1], jar("device-service"),
          deviceArgs(d, port, bsGrpc, trainGrpc, tokens.get(d[0])), logs.resolve("device-service-" + d[1] + ".log"),
          port);
      start(dp);
      devs.add(dp);
    }
    say("starting 3 device-services (video, audio, text)");
    for (ManagedProcess dp : devs) {
      dp.awaitHealthy(http.client(), Duration.ofMinutes(3));
    }
    awaitDevices("http://127.0.0.1:" + bsHttp, 3);
    return new Endpoints("http://127.0.0.1:" + trainHttp, "http://127.0.0.1:" + bsHttp);
  }

  private void experiment(String trainUrl, String bsUrl) throws Exception {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    job.put("dataset", Map.of("type", "synthetic", "seed", 7, "trainSize", 1200, "validSize", 300, "testSize", 600,
        "sequenceLength", 20));
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T")); // the reference gate; V and A are bundled for fixed modes
    job.put("lambdas", LAMBDAS);
    job.put("deployLambda", deployLambda);
    job.put("epochsStageOne", epochs);
    job.put("epochsStageTwo", epochs);
    job.put("gates", List.of("full", "on-demand")); // full-input gate for `full`, cheap + state gate for on-demand
    job.put("networkState", true); // on-demand gate: text + network state, trained on C(E_i | state) = latency
    job.put("costMetric", "bits");  // expert rows and the full gate
    job.put("seed", 7);
    JsonResponse accepted = http.post(trainUrl + "/api/jobs", job);
    if (accepted.status() != 202) {
      throw new IllegalStateException("training job refused: " + accepted.status() + " " + accepted.body());
    }
    String jobId = accepted.body().path("id").asText();
    say("training job %s submitted (demo preset, %d+%d epochs, λ ∈ %s, deploying λ = %s, gates full (C = bits) and on-demand (text + network state, C = latency))",
        jobId, epochs, epochs, LAMBDAS, deployLambda);
    JsonNode done = awaitJob(trainUrl + "/api/jobs/" + jobId);
    JsonNode trainingRows = http.getJson(trainUrl + "/api/jobs/" + jobId + "/results").path("rows");
    String version = done.path("bundleVersion").asText("?");
    say("bundle %s published; waiting for the BS to serve it", version);
    JsonNode model = awaitModel(bsUrl, version);
    Map<String, Double> flops = new LinkedHashMap<>();
    for (int i = 0; i < model.path("experts").size(); i++) {
      flops.put(model.path("experts").get(i).asText(), model.path("expertFlops").get(i).asDouble());
    }

    for (String mode : MODES) {
      runMode(bsUrl, mode);
    }
    JsonNode summary = http.getJson(bsUrl + "/api/summary");
    List<ResultTable.Row> rows = ResultTable.of(summary, MODES, flops);
    System.out.println();
    System.out.println("Table I (extended) — online, through the emulated network: " + samples
        + " test samples per row, one sample per task; latency modelled (emulated s), energy per task (devices), bits over the air per task");
    System.out.print(ResultTable.format(rows));
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("rows", rows);
    all.put("trainingTable", trainingRows);
    all.put("samplesPerRow", samples);
    all.put("epochs", epochs);
    all.put("deployLambda", deployLambda);
    Files.writeString(out.resolve("table1.json"), json.writeValueAsString(all));
    Files.writeString(out.resolve("table1.csv"), ResultTable.csv(rows));
    say("wrote %s and %s", out.resolve("table1.json"), out.resolve("table1.csv"));
  }

  private void runMode(String bsUrl, String mode) throws Exception {
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
    for (String id : ids) {
      JsonNode t = awaitTask(bsUrl + "/api/tasks/" + id);
      statuses.merge(t.path("status").asText(), 1, Integer::sum);
    }
    say("%-12s %d tasks in %.1f s: %s", mode, ids.size(), (System.nanoTime() - t0) / 1e9, statuses);
  }

  private JsonNode awaitTask(String url) throws Exception {
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

  private JsonNode awaitJob(String url) throws Exception {
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
        say("%s", line);
        last = line;
      }
      Thread.sleep(3000);
    }
  }

  private void awaitDevices(String bsUrl, int n) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonNode devices = http.getJson(bsUrl + "/api/devices");
      int live = 0;
      for (JsonNode d : devices) {
        if ("LIVE".equals(d.path("status").asText())) {
          live++;
        }
      }
      if (live >= n) {
        say("%d devices LIVE at the BS", live);
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("devices did not attach to the BS within 5 minutes (see the logs)");
  }

  private JsonNode awaitModel(String bsUrl, String version) throws Exception {
    for (int i = 0; i < 240; i++) {
      JsonResponse r = http.get(bsUrl + "/api/model");
      if (r.status() == 200 && version.equals(r.body().path("version").asText())) {
        say("the BS serves bundle %s: experts %s, gate reads %s + %d network-state values", version,
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

  /** The runnable jar of {@code module} in {@code repo} (built beforehand). */
  static Path jar(Path repo, String module) throws IOException {
    Path dir = repo.resolve(module).resolve("target");
    try (var files = Files.list(dir)) {
      // the runnable fat jar carries the classifier exec; <module>-<version>.jar is the plain library jar
      return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*-exec\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException(module + ": no runnable " + module + "-*-exec.jar in " + dir + "; build first"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException(module + ": " + dir + " does not exist; run mvn package -DskipTests first", e);
    }
  }

  private Path jar(String module) throws IOException {
    return jar(repo, module);
  }

  private void start(ManagedProcess p) throws IOException {
    processes.add(p);
    p.start();
  }

  synchronized void stopAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    processes.clear();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
