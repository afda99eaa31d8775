package io.isacemu.bs.bench;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.BsServiceApplication;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.task.TaskResult;
import io.isacemu.bs.task.TaskService;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Task throughput of the BS assembled as in {@code EndToEndTest}: the Spring context (no web
 * server), fake devices for video, audio and text on an in-process DeviceLink, and the suite's one
 * tiny trained bundle served by a fake ModelRegistry. For each gate mode (fixed:T, fixed:V+A+T,
 * full, on-demand) it runs {@code M} one-sample tasks over the same sample ids, with as many
 * tasks in flight as the BS has task threads, and prints tasks/s and the per-task wall time
 * (submit → terminal, and the engine's own measured total) p50/p99, plus the ratio of the total
 * wall time of on-demand (gated) to fixed:V+A+T.
 *
 * <p>Args (optional): {@code M warmupPerMode rounds}; defaults 200 20 4: each mode's M tasks run in
 * {@code rounds} slices, the mode order rotating per slice. Time-scale factor 0: devices do not
 * sleep for the emulated sensing/upload time, so this measures the BS's own overhead (scheduling,
 * gRPC, reassembly, gate and expert inference), not the emulated air time.
 */
public final class TaskThroughputBenchmark {

  private static final List<String> MODES = List.of("fixed:T", "fixed:V+A+T", "full", "on-demand");

  private record ModeRun(String mode, int tasks, double wallSeconds, Histogram submitToDone, Histogram engineTotal,
      Map<String, Integer> statuses, Map<String, Integer> experts, double meanModelledSeconds, double meanBits) {}

  public static void main(String[] args) throws Exception {
    int m = BenchSupport.intArg(args, 0, 200);
    int warmup = BenchSupport.intArg(args, 1, 20);
    int rounds = BenchSupport.intArg(args, 2, 4);
    System.setProperty("ai.djl.offline", "true");
    BenchSupport.quietLogging();
    long t0 = System.nanoTime();
    byte[] bundle = TestBundle.zip();
    double trainSeconds = (System.nanoTime() - t0) / 1e9;

    FakeModelRegistry models = new FakeModelRegistry();
    models.publish("v1", bundle);
    String registryName = InProcessServerBuilder.generateName();
    String linkName = InProcessServerBuilder.generateName();
    Server registryServer = InProcessServerBuilder.forName(registryName).addService(models).build().start();
    SyntheticConfig d = TestBundle.DATASET;
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(BsServiceApplication.class)
        .web(WebApplicationType.NONE)
        // command-line arguments: default properties would lose to application.yml
        .run(Stream.of(
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--isac.bs.grpc-in-process-name=" + linkName,
            "--isac.bs.registry-target=in-process:" + registryName,
            "--isac.bs.api-key=bench",
            "--isac.bs.report-period-ms=60000",
            "--isac.bs.time-scale-factor=0",
            "--isac.bs.deadline-grace-ms=1500",
            "--isac.bs.dataset.seed=" + d.seed(),
            "--isac.bs.dataset.train-size=" + d.trainSize(),
            "--isac.bs.dataset.valid-size=" + d.validSize(),
            "--isac.bs.dataset.test-size=" + d.testSize(),
            "--isac.bs.dataset.sequence-length=" + d.sequenceLength())
            .toArray(String[]::new));
    ManagedChannel channel = InProcessChannelBuilder.forName(linkName).build();
    List<FakeDevice> devices = new ArrayList<>();
    try {
      TaskService tasks = ctx.getBean(TaskService.class);
      ModelHolder holder = ctx.getBean(ModelHolder.class);
      int threads = ctx.getBean(BsProperties.class).taskThreads();
      List<String> testIds = ctx.getBean(DatasetCatalog.class).testIds();
      MultimodalDataset data = TestBundle.dataset();
      for (Modality mod : Modality.values()) {
        FakeDevice dev = new FakeDevice(channel, "dev-" + mod.symbol(), mod, data.test());
        if (!dev.attach(dev.register(data.fingerprint()).build()).getAccepted()) {
          throw new IllegalStateException("device " + mod + " refused");
        }
        dev.report(mod == Modality.VIDEO ? -100 : -90);
        dev.awaitApplied(ctx.getBean(io.isacemu.bs.registry.DeviceRegistry.class));
        devices.add(dev);
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (holder.version().isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      holder.version().orElseThrow(() -> new IllegalStateException("no model installed within 60 s"));

      // task i addresses test sample i mod |test|: the same ids in every mode
      List<String> ids = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        ids.add(testIds.get(i % testIds.size()));
      }
      System.out.printf(Locale.ROOT, "# TaskThroughputBenchmark: %d one-sample tasks per mode (%d distinct test ids), "
          + "%d in flight (= isac.bs.task-threads), warm-up %d per mode, %d rotated slices, bundle trained in %.1f s%n"
          + "# machine at start: %s%n", m, Math.min(m, testIds.size()), threads, warmup, rounds, trainSeconds,
          BenchSupport.machine());
      for (String mode : MODES) {
        run(tasks, mode, ids.subList(0, Math.min(warmup, m)), threads);
      }
      // M tasks per mode in `rounds` slices; the mode order rotates per slice so that no mode always
      // runs first (cold) or last (warmest JIT)
      Map<String, ModeRun> runs = new LinkedHashMap<>();
      int slice = (m + rounds - 1) / rounds;
      for (int r = 0; r < rounds; r++) {
        List<String> part = ids.subList(Math.min(m, r * slice), Math.min(m, (r + 1) * slice));
        if (part.isEmpty()) {
          break;
        }
        for (int k = 0; k < MODES.size(); k++) {
          String mode = MODES.get((k + r) % MODES.size());
          ModeRun one = run(tasks, mode, part, threads);
          runs.merge(mode, one, TaskThroughputBenchmark::merge);
        }
      }
      Map<String, ModeRun> ordered = new LinkedHashMap<>();
      MODES.forEach(mode -> ordered.put(mode, runs.get(mode)));
      print(ordered, BenchSupport.machine());
      paired(tasks, ids);
    } finally {
      devices.forEach(FakeDevice::close);
      ctx.close();
      channel.shutdownNow();
      registryServer.shutdownNow();
    }
    System.exit(0);
  }

  /**
   * Gated vs fixed:V+A+T on the same tasks, A/B-interleaved: for each sample one on-demand and one
   * fixed:V+A+T task back to back, one task in flight, the order alternating per pair. Both halves
   * of a pair see the same machine load, so the per-pair ratio is stable where the per-mode totals
   * above are not. Reports the ratio of sums and the median / IQR of per-pair ratios, for the
   * engine's measured inference wall time (gate + experts) and its whole measured task time.
   */
  private static void paired(TaskService tasks, List<String> ids) throws Exception {
    int n = ids.size();
    double[] infRatio = new double[n];
    double[] totRatio = new double[n];
    double infGated = 0, infFixed = 0, totGated = 0, totFixed = 0;
    for (int i = 0; i < n; i++) {
      List<String> one = List.of(ids.get(i));
      TaskResult g;
      TaskResult f;
      if (i % 2 == 0) {
        g = tasks.await(tasks.submit(tasks.resolve(one, null, "on-demand", null, null)), Duration.ofSeconds(60));
        f = tasks.await(tasks.submit(tasks.resolve(one, null, "fixed:V+A+T", null, null)), Duration.ofSeconds(60));
      } else {
        f = tasks.await(tasks.submit(tasks.resolve(one, null, "fixed:V+A+T", null, null)), Duration.ofSeconds(60));
        g = tasks.await(tasks.submit(tasks.resolve(one, null, "on-demand", null, null)), Duration.ofSeconds(60));
      }
      infRatio[i] = g.measured().computeSeconds() / f.measured().computeSeconds();
      totRatio[i] = g.measured().totalSeconds() / f.measured().totalSeconds();
      infGated += g.measured().computeSeconds();
      infFixed += f.measured().computeSeconds();
      totGated += g.measured().totalSeconds();
      totFixed += f.measured().totalSeconds();
    }
    java.util.Arrays.sort(infRatio);
    java.util.Arrays.sort(totRatio);
    System.out.printf(Locale.ROOT, "%n# paired A/B, %d pairs, one task in flight: on-demand / fixed:V+A+T%n", n);
    System.out.printf(Locale.ROOT, "| measured | ratio of sums | median per-pair ratio | IQR |%n|---|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| inference (gate + experts) | %.3f | %.3f | %.3f – %.3f |%n", infGated / infFixed,
        infRatio[n / 2], infRatio[n / 4], infRatio[(3 * n) / 4]);
    System.out.printf(Locale.ROOT, "| whole task (fetch + inference) | %.3f | %.3f | %.3f – %.3f |%n", totGated / totFixed,
        totRatio[n / 2], totRatio[n / 4], totRatio[(3 * n) / 4]);
  }

  private static ModeRun merge(ModeRun a, ModeRun b) {
    Histogram s = a.submitToDone().copy();
    s.add(b.submitToDone());
    Histogram e = a.engineTotal().copy();
    e.add(b.engineTotal());
    Map<String, Integer> st = new TreeMap<>(a.statuses());
    b.statuses().forEach((k, v) -> st.merge(k, v, Integer::sum));
    Map<String, Integer> ex = new TreeMap<>(a.experts());
    b.experts().forEach((k, v) -> ex.merge(k, v, Integer::sum));
    int n = a.tasks() + b.tasks();
    return new ModeRun(a.mode(), n, a.wallSeconds() + b.wallSeconds(), s, e, st, ex,
        (a.meanModelledSeconds() * a.tasks() + b.meanModelledSeconds() * b.tasks()) / n,
        (a.meanBits() * a.tasks() + b.meanBits() * b.tasks()) / n);
  }

  private static ModeRun run(TaskService tasks, String mode, List<String> ids, int threads) throws Exception {
    Histogram submitToDone = BenchSupport.nanosHistogram();
    Histogram engine = BenchSupport.nanosHistogram();
    Map<String, Integer> statuses = new TreeMap<>();
    Map<String, Integer> experts = new TreeMap<>();
    double[] modelled = new double[1];
    double[] bits = new double[1];
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < threads; c++) {
      done.add(clients.submit(() -> {
        for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
          long a = System.nanoTime();
          String id = tasks.submit(tasks.resolve(List.of(ids.get(i)), null, mode, null, null));
          TaskResult r = tasks.await(id, Duration.ofSeconds(60));
          long b = System.nanoTime();
          synchronized (statuses) {
            submitToDone.recordValue(b - a);
            engine.recordValue(Math.round(r.measured().totalSeconds() * 1e9));
            statuses.merge(r.status().name(), 1, Integer::sum);
            for (TaskResult.SampleOutcome s : r.samples()) {
              experts.merge(s.expert().orElse("-"), 1, Integer::sum);
            }
            modelled[0] += r.modelled().totalSeconds();
            bits[0] += r.bits();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    clients.shutdown();
    return new ModeRun(mode, ids.size(), wall, submitToDone, engine, statuses, experts,
        modelled[0] / ids.size(), bits[0] / ids.size());
  }

  private static void print(Map<String, ModeRun> runs, String machineAtEnd) {
    System.out.printf("%n## Task throughput (one sample per task)%n%n");
    System.out.println("| mode | tasks | statuses | experts run | total wall s | tasks/s | wall/task p50 ms | p99 ms "
        + "| engine total p50 ms | p99 ms | mean modelled latency s | mean bits |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (ModeRun r : runs.values()) {
      System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %.1f | %.2f | %.2f | %.2f | %.2f | %.4f | %.3g |%n",
          r.mode(), r.tasks(), r.statuses(), r.experts(), r.wallSeconds(), r.tasks() / r.wallSeconds(),
          r.submitToDone().getValueAtPercentile(50) / 1e6, r.submitToDone().getValueAtPercentile(99) / 1e6,
          r.engineTotal().getValueAtPercentile(50) / 1e6, r.engineTotal().getValueAtPercentile(99) / 1e6,
          r.meanModelledSeconds(), r.meanBits());
    }
    ModeRun gated = runs.get("on-demand");
    ModeRun fixedAll = runs.get("fixed:V+A+T");
    ModeRun full = runs.get("full");
    ModeRun fixedT = runs.get("fixed:T");
    System.out.printf(Locale.ROOT, "%n| ratio (same sample ids) | measured wall | modelled latency | bits |%n|---|---|---|---|%n");
    for (ModeRun other : List.of(fixedAll, full, fixedT)) {
      System.out.printf(Locale.ROOT, "| on-demand / %s | %.3f | %.3f | %.3f |%n", other.mode(),
          gated.wallSeconds() / other.wallSeconds(), gated.meanModelledSeconds() / other.meanModelledSeconds(),
          gated.meanBits() / other.meanBits());
    }
    System.out.printf("%n# machine at end: %s%n", machineAtEnd);
  }
}
