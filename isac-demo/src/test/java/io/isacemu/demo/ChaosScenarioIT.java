package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crashes, as SIGKILL delivers them, to the real service JVMs (scenario tier): the training service
 * killed in the middle of stage I resumes its job from its last completed epoch (its epoch counter
 * never below the count seen before the kill) and publishes the bundle; the BS killed in the middle of a 200-task run answers every accepted id after its restart
 * with a terminal state, duplicates none and reuses no id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosScenarioIT {

  private static final String KEY = "chaos-key-0123456789";
  private static final int EPOCHS_STAGE_ONE = 4;
  private static final int TASKS = 200;

  private Path work;
  private final JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(KEY);
  private final List<ManagedProcess> processes = new ArrayList<>();
  private Path repo;
  private Path logs;
  private int trainHttp;
  private int trainGrpc;
  private String bundle;
  private String bsBase;
  private ManagedProcess lastTraining;
  private ManagedProcess bsProcess;
  private List<String> bsArgs;

  @BeforeAll
  void ports() throws Exception {
    repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    logs = repo.resolve("isac-demo/target/chaos-logs"); // kept after the run, for a failure's post-mortem
    // one directory for the whole class (a @TempDir may be deleted between the ordered tests, under
    // the training service that still serves its bundles from it)
    work = repo.resolve("isac-demo/target/chaos-work");
    LocalPlatform.deleteTree(work);
    trainHttp = LocalPlatform.freePort();
    trainGrpc = LocalPlatform.freePort();
  }

  @AfterAll
  void stopAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
  }

  private ManagedProcess training() throws Exception {
    ManagedProcess p = new ManagedProcess("training-service", LocalPlatform.jar(repo, "training-service"), List.of(
        "--server.port=" + trainHttp, "--isac.training.grpc-port=" + trainGrpc,
        "--isac.training.bundle-dir=" + work.resolve("bundles"), "--isac.training.api-key=" + KEY),
        logs.resolve("training-" + processes.size() + ".log"), trainHttp);
    processes.add(p);
    p.start();
    p.awaitHealthy(http.client(), Duration.ofMinutes(3));
    lastTraining = p;
    return p;
  }

  private JsonNode await(String url, Predicate<JsonNode> done, Duration timeout, String what) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      try {
        JsonResponse r = http.get(url);
        if (r.status() == 200) {
          last = r.body();
          if (done.test(last)) {
            return last;
          }
        }
      } catch (java.io.UncheckedIOException notUp) {
        // restarting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(what + " not reached within " + timeout + "; last: " + last);
  }

  @Test
  @Order(1)
  void theTrainingServiceKilledInStageOneResumesItsJobAfterTheLastCompletedExpert() throws Exception {
    ManagedProcess first = training();
    String base = "http://127.0.0.1:" + trainHttp;
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    job.put("dataset", Map.of("type", "synthetic", "seed", 7, "trainSize", 1200, "validSize", 300, "testSize", 600,
        "sequenceLength", 20)); // the BS's dataset: its bundle serves the BS below
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T"));
    job.put("lambdas", List.of(0.5));
    job.put("epochsStageOne", EPOCHS_STAGE_ONE);
    job.put("epochsStageTwo", 1);
    job.put("patience", 100); // every epoch runs: the counts below are exact
    job.put("gates", List.of("full", "on-demand"));
    job.put("seed", 7);
    JsonResponse accepted = http.post(base + "/api/jobs", job);
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    String id = accepted.body().path("id").asText();
    // kill it once the first expert is checkpointed and the second is under way
    JsonNode before = await(base + "/api/jobs/" + id,
        j -> j.path("completedEpochs").asInt() > EPOCHS_STAGE_ONE, Duration.ofMinutes(10), "second expert started");
    first.kill();
    int epochsBefore = before.path("completedEpochs").asInt();
    System.out.printf(Locale.ROOT, "[chaos] training-service SIGKILLed at %d completed epochs (stage %s, %s)%n",
        epochsBefore, before.path("stage").asText(), before.path("subject").asText());

    training();
    // every view after the restart, queued again or running, shows at least the epochs seen before the kill
    int[] lowest = {Integer.MAX_VALUE};
    Predicate<JsonNode> seen = j -> {
      lowest[0] = Math.min(lowest[0], j.path("completedEpochs").asInt());
      return true;
    };
    JsonNode resumedEarly = await(base + "/api/jobs/" + id, j -> seen.test(j) && (j.path("state").asText().equals("RUNNING")
        || j.path("state").asText().equals("SUCCEEDED")), Duration.ofMinutes(3), "job running again");
    JsonNode done = await(base + "/api/jobs/" + id, j -> seen.test(j) && List.of("SUCCEEDED", "FAILED", "CANCELLED")
        .contains(j.path("state").asText()), Duration.ofMinutes(10), "job finished");
    assertThat(lowest[0]).as("the epoch counter after the restart never went below the %d seen before the kill",
        epochsBefore).isGreaterThanOrEqualTo(epochsBefore);
    assertThat(done.path("state").asText()).as("%s", done).isEqualTo("SUCCEEDED");
    List<String> notes = new ArrayList<>();
    done.path("messages").forEach(m -> notes.add(m.path("text").asText()));
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("queued again after a restart"));
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("V restored from its checkpoint (" + EPOCHS_STAGE_ONE));
    // the counter went on from the checkpoint: it never fell back to 0, and no epoch counted twice
    assertThat(done.path("completedEpochs").asInt()).isEqualTo(done.path("plannedEpochs").asInt());
    System.out.printf(Locale.ROOT, "[chaos] resumed: lowest count after the restart %d; first running view %s at %d"
        + " epochs; done at %d of %d%n", lowest[0],
        resumedEarly.path("state").asText(), resumedEarly.path("completedEpochs").asInt(),
        done.path("completedEpochs").asInt(), done.path("plannedEpochs").asInt());
    bundle = done.path("bundleVersion").asText();
    assertThat(bundle).isNotBlank();
    List<String> versions = new ArrayList<>();
    http.getJson(base + "/api/bundles").forEach(b -> versions.add(b.path("version").asText()));
    assertThat(versions).contains(bundle);
  }

  @Test
  @Order(2)
  void theBsKilledInTheMiddleOfARunAnswersEveryAcceptedIdAfterItsRestart() throws Exception {
    assertThat(bundle).as("the training test published the bundle").isNotBlank();
    int bsHttp = LocalPlatform.freePort();
    int bsGrpc = LocalPlatform.freePort();
    List<String> bsArgs = List.of("--server.port=" + bsHttp, "--isac.bs.grpc-port=" + bsGrpc,
        "--isac.bs.registry-target=127.0.0.1:" + trainGrpc, "--isac.bs.api-key=" + KEY,
        "--isac.bs.time-scale-factor=0.2", // rounds take wall time: the kill lands mid-run
        "--isac.bs.storage.bundle-cache-dir=" + work.resolve("bs/bundle"),
        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("bs/tasks") + ";WRITE_DELAY=0");
    ManagedProcess bs = new ManagedProcess("bs-service", LocalPlatform.jar(repo, "bs-service"), bsArgs,
        logs.resolve("bs-0.log"), bsHttp);
    processes.add(bs);
    bs.start();
    bs.awaitHealthy(http.client(), Duration.ofMinutes(3));
    for (String[] d : LocalPlatform.DEVICES) {
      int port = LocalPlatform.freePort();
      ManagedProcess dev = new ManagedProcess("device-" + d[1], LocalPlatform.jar(repo, "device-service"),
          LocalPlatform.deviceArgs(d, port, bsGrpc, trainGrpc), logs.resolve("device-" + d[1] + ".log"), port);
      processes.add(dev);
      dev.start();
      dev.awaitHealthy(http.client(), Duration.ofMinutes(3));
    }
    String base = "http://127.0.0.1:" + bsHttp;
    try {
      await(base + "/api/model", m -> bundle.equals(m.path("version").asText()), Duration.ofMinutes(3),
          "BS serving the bundle");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- bs log ends with:\n" + tail(logs.resolve("bs-0.log")), e);
    }
    await(base + "/api/devices", d -> live(d) == 3, Duration.ofMinutes(3), "three devices LIVE");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      JsonResponse r = http.post(base + "/api/tasks", Map.of(
          "sampleIds", List.of(String.format(Locale.ROOT, "syn-test-%06d", i)), "mode", "fixed:V+A+T"));
      assertThat(r.status()).as("task %d: %s", i, r.body()).isEqualTo(202);
      ids.add(r.body().path("id").asText());
    }
    await(base + "/api/tasks?limit=1000", t -> terminal(t) >= 20, Duration.ofMinutes(3), "20 tasks finished");
    bs.kill();
    System.out.println("[chaos] bs-service SIGKILLed with " + TASKS + " tasks accepted");

    ManagedProcess again = new ManagedProcess("bs-service", LocalPlatform.jar(repo, "bs-service"), bsArgs,
        logs.resolve("bs-1.log"), bsHttp);
    processes.add(again);
    again.start();
    again.awaitHealthy(http.client(), Duration.ofMinutes(3));
    Map<String, Integer> statuses = new TreeMap<>();
    int interrupted = 0;
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      JsonResponse r = http.get(base + "/api/tasks/" + id);
      assertThat(r.status()).as("task %s after the restart: %s", id, r.body()).isEqualTo(200);
      assertThat(r.body().path("id").asText()).isEqualTo(id);
      String status = r.body().path("status").asText();
      assertThat(status).as("task %s", id).isIn("DONE", "DEGRADED", "FAILED");
      statuses.merge(status, 1, Integer::sum);
      if (r.body().path("reason").asText().equals("interrupted by a BS restart")) {
        interrupted++;
      }
      seen.add(id);
    }
    System.out.printf(Locale.ROOT, "[chaos] after the restart: %s; %d interrupted by the restart%n", statuses, interrupted);
    assertThat(seen).hasSize(TASKS);
    assertThat(interrupted).as("tasks in flight at the kill").isPositive();
    assertThat(statuses.getOrDefault("DONE", 0) + statuses.getOrDefault("DEGRADED", 0)).isGreaterThanOrEqualTo(20);
    JsonResponse next = http.post(base + "/api/tasks", Map.of("sampleIds", List.of("syn-test-000001"), "mode", "fixed:T"));
    assertThat(next.status()).isEqualTo(202);
    assertThat(ids).doesNotContain(next.body().path("id").asText());
    JsonNode all = http.getJson(base + "/api/tasks?limit=1000");
    assertThat(all.size()).isEqualTo(TASKS + 1);
    bsBase = base;
    bsProcess = again;
    this.bsArgs = bsArgs;
  }

  /**
   * Overload: a batch measures the rate the BS serves, then an open loop offers ten times
   * that for 60 s. What is not admitted is refused with 429 (never a 5xx), the BS stays up, and every
   * admitted task ends in a terminal state.
   */
  @Test
  @Order(3)
  void tenTimesTheServedRateForAMinuteIsRefusedWith429AndEveryAdmittedTaskEnds() throws Exception {
    assertThat(bsBase).as("the BS of the previous test").isNotBlank();
    await(bsBase + "/api/devices", d -> live(d) == 3, Duration.ofMinutes(3), "three devices LIVE again");
    Map<String, Object> task = Map.of("sampleIds", List.of("syn-test-000002"), "mode", "fixed:T");
    // the rate it serves: a batch of 100 (under max-tasks-in-flight) from submission to the last end
    long t0 = System.nanoTime();
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      batch.add(http.post(bsBase + "/api/tasks", task).body().path("id").asText());
    }
    for (String id : batch) {
      await(bsBase + "/api/tasks/" + id, t -> List.of("DONE", "DEGRADED", "FAILED").contains(t.path("status").asText()),
          Duration.ofMinutes(3), "task " + id);
    }
    double servedPerSecond = batch.size() / ((System.nanoTime() - t0) / 1e9);
    double offeredPerSecond = 10 * servedPerSecond;
    java.util.concurrent.ConcurrentLinkedQueue<String> admitted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.ConcurrentHashMap<Integer, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    long heapPeak = 0;
    long start = System.nanoTime();
    long periodNanos = (long) (1e9 / offeredPerSecond);
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
    long next = start;
    int offered = 0;
    long lastHeap = 0;
    while (System.nanoTime() - start < 60_000_000_000L) {
      long now = System.nanoTime();
      while (next <= now) { // open loop: offers keep their schedule whatever the answers take
        offered++;
        clients.execute(() -> {
          try {
            JsonResponse r = http.post(bsBase + "/api/tasks", task);
            answers.merge(r.status(), 1, Integer::sum);
            if (r.status() == 202) {
              admitted.add(r.body().path("id").asText());
            }
          } catch (Exception e) {
            answers.merge(-1, 1, Integer::sum);
          }
        });
        next += periodNanos;
      }
      if (now - lastHeap > 1_000_000_000L) {
        heapPeak = Math.max(heapPeak, heapUsedBytes());
        lastHeap = now;
      }
      Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    List<Double> latencies = new ArrayList<>();
    for (String id : admitted) {
      JsonNode t = await(bsBase + "/api/tasks/" + id, x -> List.of("DONE", "DEGRADED", "FAILED")
          .contains(x.path("status").asText()), Duration.ofMinutes(3), "admitted task " + id);
      latencies.add(t.path("measured").path("totalSeconds").asDouble());
    }
    java.util.Collections.sort(latencies);
    System.out.printf(Locale.ROOT, "[load] served %.1f tasks/s (a batch of 100); offered %.1f/s for 60 s: %d offered,"
        + " answers %s (202 admitted, 429 refused), admitted %d; BS heap peak %.0f MB; admitted task wall"
        + " latency p50 %.3f s, p99 %.3f s%n", servedPerSecond, offeredPerSecond, offered, new TreeMap<>(answers),
        admitted.size(), heapPeak / 1e6, quantile(latencies, 0.5), quantile(latencies, 0.99));
    assertThat(answers.keySet()).as("answers %s", answers).allSatisfy(code -> assertThat(code).isIn(202, 429));
    assertThat(answers.getOrDefault(429, 0)).as("overload refused").isPositive();
    assertThat(http.get(bsBase + "/actuator/health").status()).as("the BS still serves").isEqualTo(200);
  }

  /**
   * The BS without its model, and an experiment across a crash: an experiment runs; the BS is
   * SIGKILLed after its first mode, and the training service too. The restarted BS serves the
   * bundle from its local cache (the registry is down), resumes the experiment after the modes it
   * had finished and ends it DONE, every row on the same bundle.
   */
  @Test
  @Order(4)
  void aBsRestartedWithTheTrainingServiceDownServesItsCachedBundleAndResumesItsExperiment() throws Exception {
    assertThat(bsProcess).as("the BS of the previous tests").isNotNull();
    await(bsBase + "/api/devices", d -> live(d) == 3, Duration.ofMinutes(3), "three devices LIVE");
    JsonResponse accepted = http.post(bsBase + "/api/experiments",
        Map.of("samples", 40, "modes", List.of("fixed:T", "fixed:V+A+T", "on-demand")));
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    String id = accepted.body().path("id").asText();
    JsonNode mid = await(bsBase + "/api/experiments/" + id, e -> e.path("rows").size() >= 1, Duration.ofMinutes(5),
        "experiment " + id + " past its first mode");
    bsProcess.kill();
    lastTraining.kill();
    assertThat(mid.path("state").asText()).as("killed mid-run: %s", mid).isEqualTo("RUNNING");
    System.out.printf(Locale.ROOT, "[chaos] bs-service and training-service SIGKILLed with experiment %s after %d of 3 modes%n",
        id, mid.path("rows").size());

    long t0 = System.nanoTime();
    ManagedProcess restarted = new ManagedProcess("bs-service", LocalPlatform.jar(repo, "bs-service"), bsArgs,
        logs.resolve("bs-2.log"), Integer.parseInt(bsBase.substring(bsBase.lastIndexOf(':') + 1)));
    processes.add(restarted);
    restarted.start();
    restarted.awaitHealthy(http.client(), Duration.ofMinutes(3));
    await(bsBase + "/api/model", m -> bundle.equals(m.path("version").asText()), Duration.ofMinutes(3),
        "the BS serving its cached bundle " + bundle + " with the training service down");
    double servingAfter = (System.nanoTime() - t0) / 1e9;
    JsonNode done = await(bsBase + "/api/experiments/" + id, e -> List.of("DONE", "FAILED")
        .contains(e.path("state").asText()), Duration.ofMinutes(10), "experiment " + id + " ended");
    assertThat(done.path("state").asText()).as("%s", done).isEqualTo("DONE");
    assertThat(done.path("rows")).hasSize(3);
    assertThat(done.path("rows").get(0)).as("the row finished before the crash").isEqualTo(mid.path("rows").get(0));
    done.path("rows").forEach(row -> {
      assertThat(row.path("modelVersion").asText()).isEqualTo(bundle);
      assertThat(row.path("status").asText()).as("%s", row).isIn("DONE", "DEGRADED");
    });
    System.out.printf(Locale.ROOT, "[chaos] restarted BS serving cached bundle %s %.1f s after its start, training"
        + " service down; experiment %s resumed and DONE with %d rows, %d tasks%n", bundle, servingAfter, id,
        done.path("rows").size(), done.path("taskIds").size());
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }

  /** The BS's heap in use, bytes (Prometheus jvm_memory_used_bytes, area heap, summed over pools). */
  private long heapUsedBytes() {
    try {
      String text = http.get(bsBase + "/actuator/prometheus").raw();
      double sum = 0;
      for (String line : text.split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return (long) sum;
    } catch (Exception e) {
      return 0;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int live(JsonNode devices) {
    int n = 0;
    for (JsonNode d : devices) {
      n += "LIVE".equals(d.path("status").asText()) ? 1 : 0;
    }
    return n;
  }

  private static int terminal(JsonNode tasks) {
    int n = 0;
    for (JsonNode t : tasks) {
      n += List.of("DONE", "DEGRADED", "FAILED").contains(t.path("status").asText()) ? 1 : 0;
    }
    return n;
  }
}
