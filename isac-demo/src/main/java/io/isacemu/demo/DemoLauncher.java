package io.isacemu.demo;

import io.isacemu.experiments.Endpoints;
import io.isacemu.experiments.HttpFleetControl;
import io.isacemu.experiments.HttpPlatformControl;
import io.isacemu.experiments.PointFleet;
import io.isacemu.experiments.ResultsReport;
import io.isacemu.experiments.ScenarioFile;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.experiments.TrainingJobs;
import io.isacemu.experiments.TrainingStep;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

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
 * <pre>java -jar isac-demo/target/isac-demo.jar [SCENARIO.yaml] [--samples N] [--epochs E] [--lambda L] [--out DIR] [--repo DIR]
 *     [--dataset PICKLE [--drop-all-zero-text true|false] [--format auto|multibench|mmsa] [--clip-labels true|false]] [--keep-running]</pre>
 *
 * <p>{@code --keep-running} (a flag, taken out before {@link DemoArgs} reads the pairs) leaves the
 * platform up after the experiment, for the dashboard at the BS's {@code /}, until Ctrl-C.
 *
 * <p>With a scenario file, {@link ScenarioRun} runs its sweep instead ({@link #USAGE}).
 *
 * <p>The steps run in order, each handing its result to the next: {@link LocalPlatform} or {@link
 * ServiceProbe} (the services' URLs), {@link TrainingStep} (the served bundle), {@link
 * ExperimentStep} (Table I's rows), {@link TableReport}.
 */
public final class DemoLauncher {

  static final String USAGE = String.join("\n",
      "usage: ./run.sh [SCENARIO.yaml] [--samples N] [--epochs E] [--lambda L] [--out DIR] [--repo DIR]",
      "                [--dataset PICKLE [--drop-all-zero-text true|false] [--format auto|multibench|mmsa] [--clip-labels true|false]] [--keep-running]",
      "       ./run.sh --training-url URL --bs-url URL [--api-key KEY]   (attach mode, today's demo only)",
      "",
      "Without a scenario: today's demo (Table I, results/table1.{json,csv}, results/report.html).",
      "With a scenario file (e.g. scenarios/bandwidth-sweep.yaml): its sweep points and replications on the",
      "services started here; results in <out>/<scenario>/<UTC timestamp>/ (default out: results).",
      "Options given on the command line override the scenario's values: --samples sets serving.samplesPerPoint,",
      "--epochs sets training.epochsStageOne and epochsStageTwo, --lambda sets training.deployLambda.",
      "--dataset runs today's demo on one CMU-MOSEI/MOSI feature pickle (training, the BS and the devices read it).",
      "--keep-running leaves the platform up after the experiment (dashboard at the BS's /) until Ctrl-C, and",
      "               starts experiment-service on it (POST /api/experiments with a scenario file as the body).",
      "A bad option or scenario exits with code 2 and names the option or key path and the value.");

  static final String KEEP_RUNNING = "--keep-running";

  private final DemoArgs args;
  private final boolean keepRunning;
  private final DemoLog log = new DemoLog();
  private final JsonHttpClient http;
  private final ServiceProbe probe;
  private final LocalPlatform platform;

  /** Set by the shutdown hook (Ctrl-C, SIGTERM): errors after it are the services going away. */
  volatile boolean stopping;

  /** The scenario given as the first argument, loaded, and where its run writes; empty = today's demo. */
  private final Optional<Scenario> scenario;
  private final Path runDir;

  DemoLauncher(DemoArgs args) {
    this(args, Optional.empty(), false);
  }

  /** {@code scenario}: the loaded file of {@code args.scenario()} ({@link ScenarioFile#load}). */
  DemoLauncher(DemoArgs args, Optional<Scenario> scenario) {
    this(args, scenario, false);
  }

  DemoLauncher(DemoArgs args, Optional<Scenario> scenario, boolean keepRunning) {
    this.args = args;
    this.keepRunning = keepRunning;
    this.scenario = scenario;
    this.http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(args.apiKey());
    this.probe = new ServiceProbe(http, log);
    this.runDir = scenario.isEmpty() ? args.out()
        : ScenarioRun.runDir(args.out(), ScenarioRun.nameOf(args.scenario().orElseThrow()), Clock.systemUTC());
    this.platform = new LocalPlatform(args.repo(), runDir, args.apiKey(), args.dataset(), http, probe, log,
        scenario.map(ScenarioPlatform::of).orElse(PlatformConfig.DEMO));
  }

  public static void main(String[] argv) throws Exception {
    if (List.of(argv).contains("--help")) {
      System.out.println(USAGE);
      return;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(argv));
    boolean keepRunning = rest.remove(KEEP_RUNNING);
    DemoArgs args;
    Optional<Scenario> scenario;
    try {
      args = DemoArgs.parse(rest.toArray(String[]::new), System.getenv());
      scenario = args.scenario().map(f -> ScenarioFile.load(f, args.overrides()));
    } catch (IllegalArgumentException | ScenarioException e) {
      // bad options or a bad scenario file: the message names the option or key path and the value
      System.err.println("[demo] " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoLauncher demo = new DemoLauncher(args, scenario, keepRunning);
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
      System.err.println("[demo] failed: " + e.getMessage() + " (service logs in " + args.out().resolve("logs") + ")");
      demo.stopAll();
      System.exit(1);
    } finally {
      demo.stopAll();
    }
  }

  void run() throws Exception {
    if (scenario.isPresent()) {
      runScenario(scenario.get());
      return;
    }
    Endpoints at = args.attach().isPresent() ? probe.awaitAttached(args.attach().get()) : platform.start();
    log.say("dashboard: %s/ (live view of the cell, tasks and experiments)", at.bsUrl());
    TrainingStep.Trained trained = new TrainingStep(http, log).run(at,
        DemoTrainingJob.of(args.epochs(), args.deployLambda(), args.dataset()),
        DemoTrainingJob.describe(args.epochs(), args.deployLambda(), args.dataset()));
    ExperimentStep.Ran ran = new ExperimentStep(http, log).run(at.bsUrl(), args.samples(), trained.expertFlops());
    new TableReport(log).write(args, ran.rows(), trained.trainingRows());
    new ResultsReport(log).write(args.out(), args.toString(), ran.tasks(), trained.expertFlops());
    awaitIfKeptRunning(at);
  }

  /** {@code --keep-running}: blocks until the shutdown hook (Ctrl-C, SIGTERM) stops everything. */
  private void awaitIfKeptRunning(Endpoints at) throws InterruptedException, java.io.IOException {
    if (keepRunning) {
      if (args.attach().isEmpty()) {
        String xs = platform.startExperimentService(at);
        log.say("experiment-service: %s/api/experiments (POST a scenario file as application/yaml; X-Api-Key is in"
            + " %s)", xs, platform.writeApiKey());
      }
      log.say("--keep-running: the platform stays up, dashboard at %s/; Ctrl-C stops it", at.bsUrl());
      new CountDownLatch(1).await();
    }
  }

  /** A scenario file on the platform started here with its base values; results under {@link #runDir}. */
  ScenarioRun.Ran runScenario(Scenario s) throws Exception {
    Endpoints at = platform.start();
    log.say("dashboard: %s/ (live view of the cell, tasks and experiments)", at.bsUrl());
    TrainingStep training = new TrainingStep(http, log);
    ScenarioRun run = new ScenarioRun(s, ScenarioRun.nameOf(args.scenario().orElseThrow()), runDir,
        new HttpPlatformControl(http, at.bsUrl()), first -> training.run(at, TrainingJobs.of(first.scenario()),
            "scenario training, fingerprint " + first.trainingFingerprint().substring(0, 12)),
        log, System::nanoTime, fleet(at));
    ScenarioRun.Ran ran = run.run();
    awaitIfKeptRunning(at);
    return ran;
  }

  /** The fleet of the device-services started here; none known (nothing started here): the base fleet stays. */
  private Optional<PointFleet> fleet(Endpoints at) {
    var urls = ScenarioFleetUrls.byModality(platform.deviceServiceUrls());
    return urls.isEmpty() ? Optional.empty() : Optional.of(new PointFleet(new HttpFleetControl(http, at.bsUrl(), urls)));
  }

  /** Where this run writes: {@code --out} for today's demo, {@code <out>/<scenario>/<timestamp>} for a scenario. */
  Path runDir() {
    return runDir;
  }

  /** Stops every service this demo started (none in attach mode). */
  void stopAll() {
    platform.stopAll();
  }
}
