package io.isacemu.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isacemu.experiments.Endpoints;
import io.isacemu.experiments.HttpPlatformControl;
import io.isacemu.experiments.PlatformControl;
import io.isacemu.experiments.ScenarioFile;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.experiments.TrainingJobs;
import io.isacemu.experiments.TrainingStep;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import io.isacemu.scenario.model.Scenario;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario-sweep speed benchmark (issue "Experiments as code"): runs a scenario file exactly as
 * {@code ./run.sh SCENARIO.yaml} does (five JVMs, training once, the sweep on the running services)
 * and reports where the wall time went: service start, training, per mode tasks/s, and per task the
 * BS's phases ({@code bs.task.phase} timers: queue, state queries, scheduling, sense rounds, gate,
 * inference, task store, record) next to the client's submit and await. Writes {@code speed.json}
 * beside {@code run.json} and prints the table.
 *
 * <pre>java -cp isac-demo/target/isac-demo.jar io.isacemu.demo.ScenarioSpeedBenchmark --repo . \
 *     scenarios/speed/sweep-full.yaml [--epochs E] [--samples N]</pre>
 */
public final class ScenarioSpeedBenchmark {

  private static final Pattern PHASE_SUM =
      Pattern.compile("^bs_task_phase_seconds_sum\\{.*phase=\"([a-z-]+)\".*\\}\\s+(\\S+)$");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScenarioSpeedBenchmark() {}

  public static void main(String[] argv) throws Exception {
    DemoArgs args = DemoArgs.parse(argv, System.getenv());
    Scenario scenario = ScenarioFile.load(args.scenario().orElseThrow(
        () -> new IllegalArgumentException("give a scenario file, e.g. scenarios/speed/sweep-full.yaml")), args.overrides());
    DemoLog log = new DemoLog();
    JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(args.apiKey());
    String name = ScenarioRun.nameOf(args.scenario().get());
    Path runDir = ScenarioRun.runDir(args.out(), name, Clock.systemUTC());
    LocalPlatform platform = new LocalPlatform(args.repo(), runDir, args.apiKey(), args.dataset(), http,
        new ServiceProbe(http, log), log, ScenarioPlatform.of(scenario));
    Runtime.getRuntime().addShutdownHook(new Thread(platform::stopAll, "speed-benchmark-shutdown"));
    try {
      long t0 = System.nanoTime();
      Endpoints at = platform.start();
      double startS = (System.nanoTime() - t0) / 1e9;
      TrainingStep training = new TrainingStep(http, log);
      double[] trainS = {0};
      MeteredPlatformControl metered = new MeteredPlatformControl(new HttpPlatformControl(http, at.bsUrl()),
          () -> phases(http, at.bsUrl()), System::nanoTime);
      ScenarioRun run = new ScenarioRun(scenario, name, runDir, metered, first -> {
        long s = System.nanoTime();
        try {
          return training.run(at, TrainingJobs.of(first.scenario()), "speed benchmark training");
        } finally {
          trainS[0] += (System.nanoTime() - s) / 1e9;
        }
      }, log, System::nanoTime);
      long r0 = System.nanoTime();
      ScenarioRun.Ran ran = run.run();
      metered.closeMode();
      double runS = (System.nanoTime() - r0) / 1e9;
      double totalS = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> report = report(startS, trainS[0], runS, totalS, ran.partial(), metered);
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve("speed.json"), JSON.writeValueAsString(report));
      print(report, metered, log);
      log.say("wrote %s", runDir.resolve("speed.json"));
    } finally {
      platform.stopAll();
    }
  }

  /** The BS's {@code bs.task.phase} sums now, phase → s (empty when the endpoint does not answer). */
  static Map<String, Double> phases(JsonHttpClient http, String bsUrl) {
    JsonResponse r = http.get(bsUrl + "/actuator/prometheus");
    return parsePhases(r.status() == 200 ? r.raw() : "");
  }

  static Map<String, Double> parsePhases(String prometheus) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : prometheus.split("\n")) {
      Matcher m = PHASE_SUM.matcher(line.trim());
      if (m.matches()) {
        out.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
      }
    }
    return out;
  }

  private static Map<String, Object> report(double startS, double trainS, double runS, double totalS, boolean partial,
      MeteredPlatformControl metered) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("totalWallSeconds", totalS);
    r.put("serviceStartSeconds", startS);
    r.put("trainingSeconds", trainS);
    r.put("sweepSecondsWithTraining", runS);
    r.put("partial", partial);
    r.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    r.put("processors", Runtime.getRuntime().availableProcessors());
    Map<String, Object> modes = new LinkedHashMap<>();
    long tasks = 0;
    double modeWall = 0;
    for (Map.Entry<String, MeteredPlatformControl.ModeTotals> e : metered.modes().entrySet()) {
      MeteredPlatformControl.ModeTotals t = e.getValue();
      tasks += t.tasks;
      modeWall += t.wallSeconds;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tasks", t.tasks);
      m.put("wallSeconds", t.wallSeconds);
      m.put("tasksPerSecond", t.tasks / t.wallSeconds);
      Map<String, Double> perTaskMs = new LinkedHashMap<>();
      perTaskMs.put("wall", 1e3 * t.wallSeconds / t.tasks);
      perTaskMs.put("client.submit", 1e3 * t.submitSeconds / t.tasks);
      perTaskMs.put("client.await", 1e3 * t.awaitSeconds / t.tasks);
      t.bsPhaseSeconds.forEach((p, s) -> perTaskMs.put("bs." + p, 1e3 * s / t.tasks));
      m.put("perTaskMs", perTaskMs);
      modes.put(e.getKey(), m);
    }
    r.put("tasks", tasks);
    r.put("tasksSeconds", modeWall);
    r.put("tasksPerSecond", tasks / modeWall);
    r.put("modes", modes);
    return r;
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> r, MeteredPlatformControl metered, DemoLog log) {
    log.say("speed: total %.1f s = services %.1f s + training %.1f s + sweep tasks %.1f s (%d tasks, %.1f tasks/s)"
        + " + results; load average %.2f on %d cores", r.get("totalWallSeconds"), r.get("serviceStartSeconds"),
        r.get("trainingSeconds"), r.get("tasksSeconds"), r.get("tasks"), r.get("tasksPerSecond"),
        r.get("loadAverage"), r.get("processors"));
    List<String> cols = new ArrayList<>();
    Map<String, Object> modes = (Map<String, Object>) r.get("modes");
    for (Object m : modes.values()) {
      for (String k : ((Map<String, Double>) ((Map<String, Object>) m).get("perTaskMs")).keySet()) {
        if (!cols.contains(k)) {
          cols.add(k);
        }
      }
    }
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s %8s", "mode", "tasks/s"));
    cols.forEach(c -> head.append(String.format(Locale.ROOT, " %10s", c.replace("client.", "c.").replace("bs.", ""))));
    log.say("per task, ms:");
    log.say("%s", head);
    modes.forEach((mode, v) -> {
      Map<String, Object> m = (Map<String, Object>) v;
      Map<String, Double> ms = (Map<String, Double>) m.get("perTaskMs");
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %8.1f", mode, m.get("tasksPerSecond")));
      cols.forEach(c -> line.append(String.format(Locale.ROOT, " %10.2f", ms.getOrDefault(c, Double.NaN))));
      log.say("%s", line);
    });
  }
}
