package io.isacemu.demo;

import io.isacemu.http.JsonHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <pre>java -jar isac-demo/target/isac-demo.jar [--samples N] [--epochs E] [--lambda L] [--out DIR] [--repo DIR]
 *     [--dataset PICKLE [--drop-all-zero-text true|false]] [--keep-running]</pre>
 *
 * <p>{@code --keep-running} (a flag, taken out before {@link DemoArgs} reads the pairs) leaves the
 * platform up after the experiment, for the dashboard at the BS's {@code /}, until Ctrl-C.
 *
 * <p>The steps run in order, each handing its result to the next: {@link LocalPlatform} or {@link
 * ServiceProbe} (the services' URLs), {@link TrainingStep} (the served bundle), {@link
 * ExperimentStep} (Table I's rows), {@link TableReport}.
 */
public final class DemoLauncher {

  static final String KEEP_RUNNING = "--keep-running";

  private final DemoArgs args;
  private final boolean keepRunning;
  private final DemoLog log = new DemoLog();
  private final JsonHttpClient http;
  private final ServiceProbe probe;
  private final LocalPlatform platform;

  /** Set by the shutdown hook (Ctrl-C, SIGTERM): errors after it are the services going away. */
  volatile boolean stopping;

  DemoLauncher(DemoArgs args) {
    this(args, false);
  }

  DemoLauncher(DemoArgs args, boolean keepRunning) {
    this.args = args;
    this.keepRunning = keepRunning;
    this.http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(args.apiKey());
    this.probe = new ServiceProbe(http, log);
    this.platform = new LocalPlatform(args.repo(), args.out(), args.apiKey(), args.dataset(), http, probe, log);
  }

  public static void main(String[] argv) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(argv));
    boolean keepRunning = rest.remove(KEEP_RUNNING);
    DemoArgs args = DemoArgs.parse(rest.toArray(String[]::new), System.getenv());
    DemoLauncher demo = new DemoLauncher(args, keepRunning);
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
    Endpoints at = args.attach().isPresent() ? probe.awaitAttached(args.attach().get()) : platform.start();
    log.say("dashboard: %s/ (live view of the cell, tasks and experiments)", at.bsUrl());
    TrainingStep.Trained trained = new TrainingStep(http, log).run(at, args.epochs(), args.deployLambda(), args.dataset());
    ExperimentStep.Ran ran = new ExperimentStep(http, log).run(at.bsUrl(), args.samples(), trained.expertFlops());
    new TableReport(log).write(args, ran.rows(), trained.trainingRows());
    new ResultsReport(log).write(args, ran.tasks(), trained.expertFlops());
    if (keepRunning) {
      log.say("--keep-running: the platform stays up, dashboard at %s/; Ctrl-C stops it", at.bsUrl());
      new CountDownLatch(1).await(); // until the shutdown hook (Ctrl-C, SIGTERM) stops everything
    }
  }

  /** Stops every service this demo started (none in attach mode). */
  void stopAll() {
    platform.stopAll();
  }
}
