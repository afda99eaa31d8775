package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isacemu.results.Results;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.summary.PointFailure;
import io.isacemu.results.summary.Summaries;
import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.model.Range;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A scenario file on the running platform: training once per fingerprint ({@link TrainingCache}),
 * then per sweep point the cell applied through the BS's API and every replication run by {@link
 * PointRunner}; a point that fails is recorded with its reason and the sweep goes on. Writes, into
 * {@link #runDir}: {@code scenario.yaml} (resolved), {@code samples.csv}, {@code summary.csv/json},
 * {@code plots/}, {@code report.html} (isac-results), {@code points.json} (each point's effective
 * configuration as the services report it) and {@code run.json} (complete or partial, the cache).
 */
public final class ScenarioRun {

  /** Progress lines at most this often, wall ns. */
  static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  /**
   * Trains one job and returns what the points need of it.
   */
  public interface Trainer {
    TrainingStep.Trained train(SweepPoint first) throws InterruptedException;
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Scenario scenario;
  private final String name;
  private final Path runDir;
  private final PlatformControl platform;
  private final Trainer trainer;
  private final RunLog log;
  private final LongSupplier nanos;
  private final Optional<PointFleet> fleet;

  public ScenarioRun(Scenario scenario, String name, Path runDir, PlatformControl platform, Trainer trainer, RunLog log,
      LongSupplier nanos) {
    this(scenario, name, runDir, platform, trainer, log, nanos, Optional.empty());
  }

  /** @param fleet applies each point's devices.* and shared cell.* values (empty: the base fleet stays) */
  public ScenarioRun(Scenario scenario, String name, Path runDir, PlatformControl platform, Trainer trainer, RunLog log,
      LongSupplier nanos, Optional<PointFleet> fleet) {
    this.fleet = fleet;
    this.scenario = scenario;
    this.name = name;
    this.runDir = runDir;
    this.platform = platform;
    this.trainer = trainer;
    this.log = log;
    this.nanos = nanos;
  }

  /** {@code results/<scenario name>/<UTC timestamp>} under {@code root}. */
  public static Path runDir(Path root, String scenarioName, Clock clock) {
    String ts = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
    return root.resolve(scenarioName).resolve(ts);
  }

  /** The file's name without {@code .yaml}/{@code .yml}. */
  public static String nameOf(Path file) {
    return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
  }

  /** What the run produced. */
  public record Ran(List<SampleRecord> samples, List<PointFailure> failures, List<Map<String, Object>> points,
      TrainingCache cache) {
    public boolean partial() {
      return !failures.isEmpty();
    }
  }

  public Ran run() throws IOException, InterruptedException {
    long t0 = nanos.getAsLong();
    List<SweepPoint> points = Scenarios.expand(scenario);
    TrainingCache cache = new TrainingCache(points);
    log.say("scenario %s: %d points × %d replications; %s", name, points.size(), scenario.replications(),
        cache.describe());
    long totalTasks = points.stream().mapToLong(p -> PointRunner.tasksPerReplication(p.scenario())).sum()
        * scenario.replications();
    Progress progress = new Progress(points.size() * scenario.replications(), totalTasks, nanos);
    PointRunner runner = new PointRunner(platform, progress);
    List<SampleRecord> samples = new ArrayList<>();
    List<PointFailure> failures = new ArrayList<>();
    Map<Integer, Map<String, Object>> effective = new java.util.TreeMap<>();
    long[] lastLine = {nanos.getAsLong()};
    for (Map.Entry<String, List<SweepPoint>> group : cache.groups().entrySet()) {
      Optional<TrainingStep.Trained> trained;
      String whyNot = "";
      try {
        trained = Optional.of(trainer.train(group.getValue().get(0)));
      } catch (RuntimeException e) {
        trained = Optional.empty();
        whyNot = "training failed: " + e.getMessage();
      }
      for (SweepPoint p : group.getValue()) {
        Map<String, String> axes = axisValues(p);
        Map<String, Object> eff = new LinkedHashMap<>();
        eff.put("point", p.index());
        eff.put("axisValues", axes);
        eff.put("trainingFingerprint", p.trainingFingerprint());
        effective.put(p.index(), eff);
        long perRep = PointRunner.tasksPerReplication(p.scenario());
        if (trained.isEmpty()) {
          fail(p, axes, whyNot, failures, eff, progress, perRep * scenario.replications());
          continue;
        }
        eff.put("bundleVersion", trained.get().version());
        try {
          if (fleet.isPresent()) {
            eff.put("fleet", fleet.get().apply(p.scenario()));
          } else if (p.axisValues().keySet().stream().anyMatch(k -> ScenarioFile.FLEET_AXES.matcher(k).matches())) {
            throw new IllegalStateException("no device-service fleet API known to this run; the point's devices.* or"
                + " shared cell.* values cannot be applied"); // never run a point with the base fleet silently
          }
        } catch (RuntimeException e) {
          fail(p, axes, "fleet not applied: " + e.getMessage(), failures, eff, progress,
              perRep * scenario.replications());
          continue;
        }
        try {
          JsonNode cell = platform.applyCell(p.scenario().cell().bandwidthHz());
          eff.put("cell", cell);
          eff.put("serving", servingOf(p.scenario()));
        } catch (RuntimeException e) {
          fail(p, axes, "cell not applied: " + e.getMessage(), failures, eff, progress,
              perRep * scenario.replications());
          continue;
        }
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < scenario.replications(); r++) {
          long seed = scenario.seed() + r;
          seeds.add(seed);
          try {
            // the emulation reset exists once the emulated-time traces land; one replication needs none
            if (scenario.replications() > 1) {
              platform.startReplication(seed);
            }
            PointRunner.Outcome o = runner.run(p.index(), axes, p.scenario(), r, trained.get().expertFlops());
            samples.addAll(o.samples());
            failures.addAll(o.failures());
            progress.pointDone(0);
          } catch (RuntimeException e) {
            failures.add(new PointFailure(p.index(), axes, Optional.empty(), "replication " + r + ": " + e.getMessage()));
            progress.pointDone(perRep);
          }
          if (nanos.getAsLong() - lastLine[0] >= PROGRESS_EVERY_NANOS || r == scenario.replications() - 1) {
            log.progress(progress);
            lastLine[0] = nanos.getAsLong();
          }
        }
        eff.put("seeds", seeds);
        eff.put("status", failures.stream().anyMatch(f -> f.point() == p.index()) ? "partial" : "complete");
      }
    }
    Ran ran = new Ran(samples, failures, new ArrayList<>(effective.values()), cache);
    write(ran, (nanos.getAsLong() - t0) / 1e9, progress);
    return ran;
  }

  private void fail(SweepPoint p, Map<String, String> axes, String reason, List<PointFailure> failures,
      Map<String, Object> eff, Progress progress, long tasks) {
    log.say("point %d failed: %s", p.index(), reason);
    failures.add(new PointFailure(p.index(), axes, Optional.empty(), reason));
    eff.put("status", "failed");
    eff.put("reason", reason);
    for (int r = 0; r < scenario.replications(); r++) {
      progress.pointDone(r == 0 ? tasks : 0);
    }
  }

  /** Axis values as written in the scenario (numbers in the loader's own notation). */
  static Map<String, String> axisValues(SweepPoint p) {
    Map<String, String> out = new LinkedHashMap<>();
    p.axisValues().forEach((k, v) -> out.put(k, v instanceof Double d ? Range.show(d) : String.valueOf(v)));
    return out;
  }

  private static Map<String, Object> servingOf(Scenario s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("modes", s.serving().modes());
    m.put("samplesPerPoint", s.serving().samplesPerPoint());
    m.put("samplesPerTask", s.serving().samplesPerTask());
    m.put("tasksInFlight", s.serving().tasksInFlight());
    m.put("deadlineSeconds", s.serving().deadlineSeconds());
    m.put("objective", s.serving().objective().name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  private void write(Ran ran, double wallSeconds, Progress progress) throws IOException {
    Files.createDirectories(runDir);
    String yaml = Scenarios.write(scenario);
    Files.writeString(runDir.resolve("scenario.yaml"), yaml);
    Files.writeString(runDir.resolve("points.json"), JSON.writeValueAsString(ran.points()));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("scenario", name);
    run.put("status", ran.partial() ? "partial" : "complete");
    run.put("failures", ran.failures().stream().map(f -> Map.of("point", f.point(), "mode", f.mode().orElse("all"),
        "reason", f.reason())).toList());
    run.put("trainingCache", Map.of("jobs", ran.cache().jobs(), "points",
        ran.cache().groups().values().stream().mapToInt(List::size).sum(), "summary", ran.cache().describe()));
    run.put("wallSeconds", wallSeconds);
    run.put("tasks", progress.tasksDone());
    run.put("tasksPerSecond", progress.tasksPerSecond()); // since the first task: training left out
    Files.writeString(runDir.resolve("run.json"), JSON.writeValueAsString(run));
    String title = "Scenario " + name + (ran.partial() ? " — PARTIAL: " + ran.failures().size() + " failures" : "");
    String text = yaml + "\n# " + ran.cache().describe() + "\n# effective configuration per point (points.json):\n"
        + JSON.writeValueAsString(ran.points()).lines().map(l -> "# " + l).reduce("", (a, b) -> a + b + "\n");
    Results.defaults(Summaries.of(scenario.replications(), ResultsReport.BOOTSTRAP_SEED))
        .write(runDir, title, text, ran.samples(), ran.failures());
    log.say("%s; wrote %s (scenario.yaml, samples.csv, summary.csv/json, plots/, points.json, run.json)%s",
        ran.cache().describe(), runDir.resolve("report.html"), ran.partial() ? " — PARTIAL run" : "");
  }
}
