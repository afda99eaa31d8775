package io.isacemu.bs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isacemu.bs.dashboard.DashboardPublisher;
import io.isacemu.bs.dashboard.SnapshotAssembler;
import io.isacemu.bs.dashboard.SnapshotSources;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceStatus;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.SpectrumLedger;
import io.isacemu.bs.task.TaskResult;
import io.isacemu.bs.task.TaskStatus;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.spectrum.Spectrum;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * The server's cost of the dashboard stream: assembling and serialising one snapshot (what {@link
 * DashboardPublisher} does once per tick, whatever the number of subscribers) with 1 000 devices
 * attached vs 10, on the same 1 000 kept tasks, and the bytes of one event. The snapshot carries at
 * most {@code maxDevices} (200) devices at full detail, so the ratio should stay far below 100.
 *
 * <p>Usage: {@code java -cp "$CP" io.isacemu.bs.bench.DashboardSnapshotBenchmark [iterations] [tasks]}
 * (defaults 2000, 1000).
 */
public final class DashboardSnapshotBenchmark {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private DashboardSnapshotBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogging();
    int iterations = BenchSupport.intArg(args, 0, 2000);
    int taskCount = BenchSupport.intArg(args, 1, 1000);
    ObjectMapper json = JsonMapper.builder().findAndAddModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build(); // as the service's mapper
    List<TaskResult> tasks = tasks(taskCount, new Random(11));
    System.out.println("machine: " + BenchSupport.machine());
    System.out.println("| devices | snapshots | p50 µs | p99 µs | max µs | bytes per event |");
    System.out.println("|---|---|---|---|---|---|");
    int[] sizes = {10, 1000};
    DashboardPublisher[] pubs = new DashboardPublisher[sizes.length];
    Histogram[] hs = new Histogram[sizes.length];
    int[] bytes = new int[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      pubs[i] = publisher(sizes[i], tasks, json);
      hs[i] = BenchSupport.nanosHistogram();
      for (int w = 0; w < iterations / 2; w++) {
        pubs[i].serialise(); // warm-up: JIT
      }
    }
    // interleaved rounds: a shared machine's load drifts; both sizes see the same drift
    int rounds = 10;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < sizes.length; i++) {
        for (int k = 0; k < iterations / rounds; k++) {
          long t = System.nanoTime();
          String s = pubs[i].serialise();
          hs[i].recordValue(System.nanoTime() - t);
          bytes[i] = s.getBytes(StandardCharsets.UTF_8).length;
        }
      }
    }
    double[] p50 = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      p50[i] = hs[i].getValueAtPercentile(50);
      System.out.println(BenchSupport.microsRow(String.valueOf(sizes[i]), hs[i]) + " " + bytes[i] + " |");
      pubs[i].close();
    }
    System.out.printf(Locale.ROOT, "p50 ratio 1000 devices / 10 devices: %.2f%n", p50[1] / p50[0]);
  }

  private static DashboardPublisher publisher(int devices, List<TaskResult> tasks, ObjectMapper json) {
    Random r = new Random(7);
    List<DeviceView> views = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      Modality m = Modality.values()[i % 3];
      double angle = r.nextDouble() * 2 * Math.PI;
      double dist = 200 * Math.sqrt(r.nextDouble());
      DeviceStatus s = i % 20 == 0 ? DeviceStatus.LOST : DeviceStatus.LIVE;
      views.add(new DeviceView(m.name().toLowerCase(Locale.ROOT) + "-" + i, "s-" + i, m, s, 1e5, 23, 1e9, 8,
          m.moseiFeatureDim(), 20, T0, T0, Optional.of(-90 - 30 * r.nextDouble()), Optional.of(40 * r.nextDouble() - 5),
          dist * Math.cos(angle), dist * Math.sin(angle), r.nextDouble(), Optional.of((long) r.nextInt(20)), 10, 0));
    }
    SpectrumLedger ledger = new SpectrumLedger(new Spectrum(20e6, 200e3));
    SnapshotSources sources = new SnapshotSources(() -> views, ledger, () -> tasks, tasks::size, () -> 0, () -> 0,
        new ModelHolder(), List::of);
    SnapshotAssembler a = new SnapshotAssembler(sources, Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC), 200, 200);
    return new DashboardPublisher(a, json, 1000, 16, 60_000);
  }

  /** Finished one-sample tasks over three devices, in three modes, one per 0.5 s. */
  private static List<TaskResult> tasks(int n, Random r) {
    String[] modes = {"fixed:T", "full", "on-demand"};
    List<TaskResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusMillis(500L * i);
      float label = (float) (r.nextGaussian());
      List<TaskResult.DeviceRound> rounds = new ArrayList<>();
      for (Modality m : Modality.values()) {
        rounds.add(new TaskResult.DeviceRound(1, m.name().toLowerCase(Locale.ROOT) + "-0", m, 1, 30, 6e6, 1e7,
            ProcessingMode.OFFLOAD, 1e4, 0.1, 0.01, 1, "OK", 0.01, 0));
      }
      out.add(new TaskResult("t-" + i, modes[i % 3], "latency", TaskStatus.DONE, "", Optional.of("v1"), at,
          Optional.of(at.plusMillis(120)),
          List.of(new TaskResult.SampleOutcome("s" + i, label, Optional.of((float) r.nextGaussian()),
              Optional.of(i % 2 == 0 ? "T" : "V+A+T"), Optional.of("T"), false)),
          rounds, new TaskResult.Latency(0.1, 0.01, 0.001, 0.111), new TaskResult.MeasuredLatency(0.1, 0.001, 0.12),
          0.03, 3e4));
    }
    return out;
  }
}
