package io.isacemu.bs.dashboard;

import io.isacemu.bs.model.ModelLease;
import io.isacemu.bs.model.ServingModel;
import io.isacemu.bs.registry.DeviceStatus;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.Experiment;
import io.isacemu.bs.task.Summaries;
import io.isacemu.bs.task.TaskResult;
import io.isacemu.bs.task.TaskStatus;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.metrics.SentimentMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Builds one {@link DashboardSnapshot} from the {@link SnapshotSources}; stateless, thread-safe. */
public final class SnapshotAssembler {

  /** SNR bin edges, dB: 5 dB wide from −10 to 40, open at both ends. */
  static final double[] SNR_EDGES_DB = {-10, -5, 0, 5, 10, 15, 20, 25, 30, 35, 40};
  /** Latency bin edges, s (modelled: emulated s; measured: wall s), open at the top. */
  static final double[] LATENCY_EDGES_S = {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5};
  private static final double OPEN = 1e9;
  private static final int LATEST_TASKS = 15;
  private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(60);

  private final SnapshotSources sources;
  private final Clock clock;
  private final double cellRadiusM;
  private final int maxDevices;

  /**
   * @param cellRadiusM cell radius, m, &gt; 0
   * @param maxDevices devices sent at full detail per snapshot, ≥ 1
   */
  public SnapshotAssembler(SnapshotSources sources, Clock clock, double cellRadiusM, int maxDevices) {
    this.sources = sources;
    this.clock = clock;
    this.cellRadiusM = Check.positive("cellRadiusM", cellRadiusM);
    this.maxDevices = Check.positive("maxDevices", maxDevices);
  }

  /** The snapshot now. */
  public DashboardSnapshot assemble() {
    Instant now = clock.instant();
    List<TaskResult> recent = sources.recentTasks().get();
    List<TaskResult> finished = recent.stream().filter(t -> t.status().terminal()).toList();
    return new DashboardSnapshot(now, cellRadiusM, devices(sources.devices().get()), spectrum(), tasks(now, recent),
        Summaries.of(finished), model(), experiments(now));
  }

  private DashboardSnapshot.Devices devices(List<DeviceView> all) {
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (DeviceStatus s : DeviceStatus.values()) {
      byStatus.put(s.name(), 0);
    }
    int[] snr = new int[SNR_EDGES_DB.length + 1];
    for (DeviceView d : all) {
      byStatus.merge(d.status().name(), 1, Integer::sum);
      d.snrDb().ifPresent(v -> snr[bin(SNR_EDGES_DB, v)]++);
    }
    List<DeviceView> shown = all.stream()
        .sorted(Comparator.comparing((DeviceView d) -> d.status() != DeviceStatus.LIVE)
            .thenComparing(DeviceView::deviceId))
        .limit(maxDevices).toList();
    return new DashboardSnapshot.Devices(all.size(), byStatus, bins(SNR_EDGES_DB, snr), shown);
  }

  private DashboardSnapshot.Spectrum spectrum() {
    var ledger = sources.ledger();
    return new DashboardSnapshot.Spectrum(ledger.spectrum().totalUnits(), ledger.free(),
        ledger.spectrum().unitBandwidthHz(), ledger.allocation());
  }

  private DashboardSnapshot.Tasks tasks(Instant now, List<TaskResult> recent) {
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (TaskStatus s : TaskStatus.values()) {
      byStatus.put(s.name(), 0);
    }
    Map<String, List<TaskResult>> byMode = new TreeMap<>();
    Instant since = now.minus(THROUGHPUT_WINDOW);
    int lastMinute = 0;
    for (TaskResult t : recent) {
      byStatus.merge(t.status().name(), 1, Integer::sum);
      if (t.status().terminal()) {
        byMode.computeIfAbsent(t.mode(), m -> new ArrayList<>()).add(t);
        if (t.finishedAt().map(f -> f.isAfter(since)).orElse(false)) {
          lastMinute++;
        }
      }
    }
    Map<String, DashboardSnapshot.Latency> latency = new TreeMap<>();
    byMode.forEach((mode, ts) -> latency.put(mode, new DashboardSnapshot.Latency(
        histogram(ts, t -> t.modelled().totalSeconds()), histogram(ts, t -> t.measured().totalSeconds()),
        mean(ts, t -> t.modelled().totalSeconds()), mean(ts, t -> t.measured().totalSeconds()))));
    List<DashboardSnapshot.TaskLine> latest = new ArrayList<>();
    for (int i = recent.size() - 1; i >= 0 && latest.size() < LATEST_TASKS; i--) {
      latest.add(line(recent.get(i)));
    }
    return new DashboardSnapshot.Tasks(sources.storedTasks().getAsInt(), sources.inFlight().getAsInt(), byStatus,
        sources.refused().getAsLong(), lastMinute / (double) THROUGHPUT_WINDOW.toSeconds(), latency, latest);
  }

  private static DashboardSnapshot.TaskLine line(TaskResult t) {
    TreeSet<String> experts = new TreeSet<>();
    List<Float> truth = new ArrayList<>();
    List<Float> pred = new ArrayList<>();
    for (TaskResult.SampleOutcome s : t.samples()) {
      s.expert().ifPresent(experts::add);
      if (s.served()) {
        truth.add(s.label());
        pred.add(s.prediction().orElseThrow());
      }
    }
    Map<String, Integer> units = new TreeMap<>();
    TreeSet<String> paths = new TreeSet<>();
    for (TaskResult.DeviceRound r : t.devices()) {
      units.put(r.deviceId(), r.units());
      paths.add(r.mode().name());
    }
    return new DashboardSnapshot.TaskLine(t.id(), t.mode(), t.status().name(), List.copyOf(experts), units,
        List.copyOf(paths), t.energyJ(), t.bits(), t.samples().size(), correct(truth, pred));
  }

  /** Served samples with the label's sign: Acc-2 ("has-zero", as {@code /api/summary}) × samples. */
  private static int correct(List<Float> truth, List<Float> pred) {
    if (truth.isEmpty()) {
      return 0;
    }
    float[] y = new float[truth.size()];
    float[] p = new float[pred.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = truth.get(i);
      p[i] = pred.get(i);
    }
    return (int) Math.round(SentimentMetrics.compute(y, p).acc2HasZero() * y.length);
  }

  private Optional<DashboardSnapshot.Model> model() {
    Optional<ModelLease> lease = sources.model().acquire();
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    try (ModelLease l = lease.get()) {
      ServingModel m = l.model();
      return Optional.of(new DashboardSnapshot.Model(m.version(), m.experts().stream().map(ModalitySet::name).toList(),
          m.gateInputs().name(), m.networkStateDim(), m.fullGate().map(g -> g.gateInputs().name()), m.deployRule(),
          sources.model().swappedAt()));
    }
  }

  private List<DashboardSnapshot.ExperimentProgress> experiments(Instant now) {
    return sources.latestExperiments().get().stream().map(e -> {
      Optional<Double> eta = Optional.empty();
      if (e.state() == Experiment.State.RUNNING && e.modesDone() > 0) {
        // elapsed per finished mode × modes left: the modes run one after the other
        double elapsed = Duration.between(e.submittedAt(), now).toMillis() / 1000.0;
        eta = Optional.of(elapsed / e.modesDone() * (e.modes().size() - e.modesDone()));
      }
      return new DashboardSnapshot.ExperimentProgress(e.id(), e.state().name(), e.samples(), e.modesDone(),
          e.modes().size(), eta, "/api/experiments/" + e.id());
    }).toList();
  }

  private static List<DashboardSnapshot.Bin> histogram(List<TaskResult> ts, ToDoubleFunction<TaskResult> f) {
    int[] counts = new int[LATENCY_EDGES_S.length + 1];
    ts.forEach(t -> counts[bin(LATENCY_EDGES_S, f.applyAsDouble(t))]++);
    return bins(LATENCY_EDGES_S, counts);
  }

  private static double mean(List<TaskResult> ts, ToDoubleFunction<TaskResult> f) {
    return ts.stream().mapToDouble(f).average().orElse(0);
  }

  /** Index in [0, edges.length]: 0 below the first edge, i for [edges[i−1], edges[i]). */
  static int bin(double[] edges, double v) {
    int i = 0;
    while (i < edges.length && v >= edges[i]) {
      i++;
    }
    return i;
  }

  private static List<DashboardSnapshot.Bin> bins(double[] edges, int[] counts) {
    List<DashboardSnapshot.Bin> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double from = i == 0 ? -OPEN : edges[i - 1];
      double to = i == edges.length ? OPEN : edges[i];
      if (i == 0 && counts[0] == 0 && edges[0] >= 0) {
        continue; // latencies are never negative: no empty "below 0" bin
      }
      out.add(new DashboardSnapshot.Bin(from, to, counts[i]));
    }
    return out;
  }
}
