package io.isacemu.bs.task;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ModelLease;
import io.isacemu.bs.model.ServingGate;
import io.isacemu.bs.model.ServingModel;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.units.Units;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.NetworkState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs one task end to end: fetch rounds (per the gate mode), the gate, the chosen experts, and the
 * latency/energy/bits accounting.
 *
 * <p>Degradation: a sample whose chosen expert lacks a modality (device lost, deadline missed, no
 * device) is served by the best expert over the modalities at hand — the one whose modality set is
 * a subset of them with the most modalities — and marked degraded; with no such expert the sample
 * is unserved. A task ends DONE (all served as chosen), DEGRADED (some fell back or were unserved)
 * or FAILED (none served), always with a reason when not DONE.
 */
final class TaskEngine {

  /** The terminal part of a {@link TaskResult}. */
  record Outcome(
      TaskStatus status, String reason, Optional<String> modelVersion, List<TaskResult.SampleOutcome> samples,
      List<TaskResult.DeviceRound> devices, TaskResult.Latency modelled, TaskResult.MeasuredLatency measured,
      double energyJ, double bits) {

    static Outcome failed(String reason, Optional<String> version) {
      return new Outcome(TaskStatus.FAILED, reason, version, List.of(), List.of(), TaskResult.Latency.ZERO,
          TaskResult.MeasuredLatency.ZERO, 0, 0);
    }
  }

  private final ModelHolder holder;
  private final Fetcher fetcher;
  private final DatasetCatalog catalog;
  private final MecServer mec;
  private final SpectrumLedger ledger;
  private final LongSupplier nanos;

  TaskEngine(ModelHolder holder, Fetcher fetcher, DatasetCatalog catalog, MecServer mec, SpectrumLedger ledger,
      LongSupplier nanos) {
    this.holder = holder;
    this.fetcher = fetcher;
    this.catalog = catalog;
    this.mec = mec;
    this.ledger = ledger;
    this.nanos = nanos;
  }

  Outcome run(String taskId, TaskRequest request) {
    Optional<ModelLease> lease = holder.acquire();
    if (lease.isEmpty()) {
      return Outcome.failed("no model in service: the training service has published none yet or is unreachable",
          Optional.empty());
    }
    try (ModelLease l = lease.get()) {
      return new Run(taskId, request, l.model()).execute();
    }
  }

  /** The mutable state of one run. */
  private final class Run {
    final String taskId;
    final TaskRequest request;
    final ServingModel model;
    final List<String> ids;
    final List<ModalitySet> experts;
    final Map<Modality, Map<String, float[]>> held = new EnumMap<>(Modality.class);
    final List<TaskResult.DeviceRound> devices = new ArrayList<>();
    final Set<String> problems = new LinkedHashSet<>();
    final int[] intended;
    final long start = nanos.getAsLong();
    int round;
    double sensing;
    double comm;
    double energy;
    double bits;
    double fetchWall;
    double computeWall;
    double gateFlops;

    Run(String taskId, TaskRequest request, ServingModel model) {
      this.taskId = taskId;
      this.request = request;
      this.model = model;
      this.ids = request.sampleIds();
      this.experts = model.experts();
      this.intended = new int[ids.size()];
      Arrays.fill(intended, -1);
    }

    Outcome execute() {
      GateMode mode = request.mode();
      if (mode instanceof GateMode.Fixed f) {
        int idx = model.indexOf(f.expert());
        if (idx < 0) {
          return Outcome.failed("mode: expert " + f.expert().name() + " is not in bundle " + model.version()
              + " (experts: " + names() + ")", Optional.of(model.version()));
        }
        Arrays.fill(intended, idx);
        fetch(all(f.expert()));
      } else if (mode instanceof GateMode.Full) {
        // full: the bundle's FULL-input gate when it has one (else its only gate) on everything fetched
        ServingGate g = model.fullGate().orElse(model);
        ModalitySet needed = g.gateInputs();
        for (ModalitySet e : experts) {
          needed = union(needed, e);
        }
        fetch(all(needed));
        gate(g);
      } else {
        // on-demand: the main (cheap) gate's inputs first, then only what the chosen experts still need
        fetch(all(model.gateInputs()));
        gate(model);
        fetch(missingForIntended());
      }
      return finish();
    }

    private String names() {
      return experts.stream().map(ModalitySet::name).toList().toString();
    }

    private Map<Modality, List<String>> all(ModalitySet set) {
      Map<Modality, List<String>> wanted = new EnumMap<>(Modality.class);
      for (Modality m : set.modalities()) {
        wanted.put(m, ids);
      }
      return wanted;
    }

    private void fetch(Map<Modality, List<String>> wanted) {
      if (wanted.values().stream().allMatch(List::isEmpty)) {
        return;
      }
      round++;
      Fetcher.Round r = fetcher.fetch(taskId, round, wanted, request.deadlineSeconds(), request.objective());
      r.features().forEach((m, f) -> held.computeIfAbsent(m, k -> new HashMap<>()).putAll(f));
      devices.addAll(r.devices());
      problems.addAll(r.problems());
      sensing += r.sensingSeconds();
      comm += r.commSeconds();
      energy += r.energyJ();
      bits += r.bits();
      fetchWall += r.wallSeconds();
    }

    private Set<Modality> available(String id) {
      Set<Modality> out = EnumSet.noneOf(Modality.class);
      held.forEach((m, f) -> {
        if (f.containsKey(id)) {
          out.add(m);
        }
      });
      return out;
    }

    private boolean has(String id, ModalitySet set) {
      return available(id).containsAll(set.asEnumSet());
    }

    /** Runs {@code gate} on every sample that has its inputs; the others keep intended = -1. */
    private void gate(ServingGate gate) {
      ModalitySet in = gate.gateInputs();
      List<Integer> gatable = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (has(ids.get(i), in)) {
          gatable.add(i);
        }
      }
      if (gatable.size() < ids.size()) {
        problems.add((ids.size() - gatable.size()) + " samples lack the gate inputs " + in.name());
      }
      if (gatable.isEmpty()) {
        return;
      }
      List<String> gIds = gatable.stream().map(ids::get).toList();
      MultimodalSplit split = split(gIds, in.modalities());
      float[] state = gate.networkStateDim() == 0 ? new float[0] : networkState().vector(gate.networkStateDim());
      long t0 = nanos.getAsLong();
      int[] choice = gate.choose(split, (s, i) -> state);
      computeWall += (nanos.getAsLong() - t0) / 1e9;
      gateFlops += (double) gate.gateFlops() * gatable.size();
      for (int k = 0; k < choice.length; k++) {
        intended[gatable.get(k)] = choice[k];
      }
    }

    /**
     * The live network state in the layout training uses ({@link NetworkState}): per modality the
     * best LIVE device's one-unit SNR γ_1 in dB (absent when none), and the free fraction of the band.
     */
    private NetworkState networkState() {
      return TaskEngine.networkState(fetcher, ledger);
    }

    /** Per modality the samples whose intended expert needs it and that do not have it yet. */
    private Map<Modality, List<String>> missingForIntended() {
      Map<Modality, List<String>> wanted = new EnumMap<>(Modality.class);
      for (int i = 0; i < ids.size(); i++) {
        ModalitySet target;
        if (intended[i] >= 0) {
          target = experts.get(intended[i]);
        } else {
          // the gate could not run: aim for the largest expert the LIVE devices can serve
          Set<Modality> reachable = EnumSet.noneOf(Modality.class);
          for (Modality m : Modality.values()) {
            if (fetcher.best(m).isPresent() || available(ids.get(i)).contains(m)) {
              reachable.add(m);
            }
          }
          int best = bestSubset(reachable);
          if (best < 0) {
            continue;
          }
          target = experts.get(best);
        }
        Set<Modality> have = available(ids.get(i));
        for (Modality m : target.modalities()) {
          if (!have.contains(m)) {
            wanted.computeIfAbsent(m, k -> new ArrayList<>()).add(ids.get(i));
          }
        }
      }
      return wanted;
    }

    /** The expert over a subset of {@code avail} with the most modalities (lowest index on ties); -1 if none. */
    private int bestSubset(Set<Modality> avail) {
      int best = -1;
      for (int e = 0; e < experts.size(); e++) {
        if (avail.containsAll(experts.get(e).asEnumSet())
            && (best < 0 || experts.get(e).size() > experts.get(best).size())) {
          best = e;
        }
      }
      return best;
    }

    private Outcome finish() {
      int n = ids.size();
      int[] run = new int[n];
      List<Integer> served = new ArrayList<>();
      int degraded = 0;
      for (int i = 0; i < n; i++) {
        Set<Modality> avail = available(ids.get(i));
        run[i] = intended[i] >= 0 && avail.containsAll(experts.get(intended[i]).asEnumSet())
            ? intended[i] : bestSubset(avail);
        if (run[i] != intended[i]) {
          degraded++;
        }
        if (run[i] >= 0) {
          served.add(i);
        }
      }
      float[] predictions = new float[0];
      double expertFlops = 0;
      if (!served.isEmpty()) {
        Set<Modality> used = EnumSet.noneOf(Modality.class);
        int[] choice = new int[served.size()];
        for (int k = 0; k < choice.length; k++) {
          choice[k] = run[served.get(k)];
          used.addAll(experts.get(choice[k]).asEnumSet());
          expertFlops += model.expertFlops(choice[k]);
        }
        MultimodalSplit split = split(served.stream().map(ids::get).toList(), List.copyOf(used));
        long t0 = nanos.getAsLong();
        predictions = model.route(split, choice);
        computeWall += (nanos.getAsLong() - t0) / 1e9;
      }
      List<TaskResult.SampleOutcome> samples = new ArrayList<>(n);
      int k = 0;
      for (int i = 0; i < n; i++) {
        String id = ids.get(i);
        float label = catalog.label(id).orElseThrow();
        Optional<String> intendedName = intended[i] >= 0 ? Optional.of(experts.get(intended[i]).name()) : Optional.empty();
        if (run[i] >= 0) {
          samples.add(new TaskResult.SampleOutcome(id, label, Optional.of(predictions[k++]),
              Optional.of(experts.get(run[i]).name()), intendedName, run[i] != intended[i]));
        } else {
          samples.add(new TaskResult.SampleOutcome(id, label, Optional.empty(), Optional.empty(), intendedName, true));
        }
      }
      double compute = mec.seconds(gateFlops + expertFlops);
      TaskResult.Latency modelled = new TaskResult.Latency(sensing, comm, compute, sensing + comm + compute);
      TaskResult.MeasuredLatency measured = new TaskResult.MeasuredLatency(
          fetchWall, computeWall, (nanos.getAsLong() - start) / 1e9);
      TaskStatus status;
      String reason;
      if (served.isEmpty()) {
        status = TaskStatus.FAILED;
        reason = "no sample could be served: " + (problems.isEmpty() ? "no expert fits the modalities at hand"
            : String.join("; ", problems));
      } else if (degraded > 0) {
        status = TaskStatus.DEGRADED;
        reason = degraded + " of " + n + " samples degraded (" + (n - served.size()) + " unserved): "
            + String.join("; ", problems);
      } else {
        status = TaskStatus.DONE;
        reason = "";
      }
      return new Outcome(status, reason, Optional.of(model.version()), samples, devices, modelled, measured,
          energy, bits);
    }

    /** A split over {@code sampleIds} with the given modalities (zeros where a sample lacks one). */
    private MultimodalSplit split(List<String> sampleIds, List<Modality> modalities) {
      int n = sampleIds.size();
      int t = catalog.sequenceLength();
      ArraySplit.Builder b = ArraySplit.builder(n);
      for (Modality m : modalities) {
        int d = catalog.featureDim(m).orElseThrow();
        float[] data = new float[n * t * d];
        Map<String, float[]> f = held.getOrDefault(m, Map.of());
        for (int i = 0; i < n; i++) {
          float[] x = f.get(sampleIds.get(i));
          if (x != null) {
            System.arraycopy(x, 0, data, i * t * d, t * d);
          }
        }
        b.modality(m, t, d, data);
      }
      float[] labels = new float[n];
      for (int i = 0; i < n; i++) {
        labels[i] = catalog.label(sampleIds.get(i)).orElseThrow();
      }
      return b.labels(labels).ids(sampleIds.toArray(new String[0])).build();
    }
  }

  /** The network state the gate reads, from the registry's LIVE devices and the ledger's free units. */
  static NetworkState networkState(Fetcher fetcher, SpectrumLedger ledger) {
    Map<Modality, Double> snrDb = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      fetcher.best(m).ifPresent(d -> snrDb.put(m, Units.linearToDb(fetcher.snrPerUnit(d))));
    }
    return new NetworkState(snrDb, (double) ledger.free() / ledger.spectrum().totalUnits());
  }

  private static ModalitySet union(ModalitySet a, ModalitySet b) {
    return new ModalitySet(a.mask() | b.mask());
  }
}
