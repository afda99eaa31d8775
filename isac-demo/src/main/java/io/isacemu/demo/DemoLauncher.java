package io.isacemu.demo;

import io.isacemu.http.JsonHttpClient;
import java.time.Duration;
import java.util.List;

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
 *     [--dataset PICKLE [--drop-all-zero-text true|false]]</pre>
 *
 * <p>The steps run in order, each handing its result to the next: {@link LocalPlatform} or {@link
 * ServiceProbe} (the services' URLs), {@link TrainingStep} (the served bundle), {@link
 * ExperimentStep} (Table I's rows), {@link TableReport}.
 */
public final class DemoLauncher {

  private final DemoArgs args;
  private final DemoLog log = new DemoLog();
  private final JsonHttpClient http;
  private final ServiceProbe probe;
  private final LocalPlatform platform;

  /** Set by the shutdown hook (Ctrl-C, SIGTERM): errors after it are the services going away. */
  volatile boolean stopping;

  DemoLauncher(DemoArgs args) {
    this.args = args;
    this.http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(args.apiKey());
    this.probe = new ServiceProbe(http, log);
    this.platform = new LocalPlatform(args.repo(), args.out(), args.apiKey(), args.dataset(), http, probe, log);
  }

  public static void main(String[] argv) throws Exception {
    DemoArgs args = DemoArgs.parse(argv, System.getenv());
    DemoLauncher demo = new DemoLauncher(args);
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
    TrainingStep.Trained trained = new TrainingStep(http, log).run(at, args.epochs(), args.deployLambda(), args.dataset());
    ExperimentStep.Ran ran = new ExperimentStep(http, log).run(at.bsUrl(), args.samples(), trained.expertFlops());
    new TableReport(log).write(args, ran.rows(), trained.trainingRows());
    new ResultsReport(log).write(args, ran.tasks(), trained.expertFlops());
  }

  /** Stops every service this demo started (none in attach mode). */
  void stopAll() {
    platform.stopAll();
  }
}
