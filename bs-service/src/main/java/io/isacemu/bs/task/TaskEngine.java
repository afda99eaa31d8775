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
import io.isacemu.learning.ExpertInput;
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
 *
 * <p>LOCAL processing: when a fetch round's samples of a modality all go to one known expert (fixed
 * mode; the on-demand mode's second round when the gate chose one expert for them), the devices may
 * encode with that expert's encoder ({@link Fetcher.LocalOption}); the vectors are fed to that
 * expert's head ({@link ServingModel#predictMixed}) and the MEC compute excludes those encoders. A
 * vector encoded for one expert is never given to another (a degraded sample only uses raw inputs
 * or vectors of the expert that runs).
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
    // LOCAL results: per modality per sample id the device-encoded vector and its expert
    final Map<Modality, Map<String, Local>> encodedHeld = new EnumMap<>(Modality.class);
    final List<TaskResult.DeviceRound> devices = new ArrayList<>();
    final Set<String> problems = new LinkedHashSet<>();
    final int[] intended;
    // per sample the expert the on-demand second round fetches for (-1: none)
    final int[] target;
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
      this.target = new int[ids.size()];
      Arrays.fill(target, -1);
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
        fetch(all(f.expert()), localOptions(f.expert().modalities(), idx));
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
        Map<Modality, List<String>> missing = missingForIntended();
        fetch(missing, localOptions(missing));
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
      fetch(wanted, Map.of());
    }

    /** LOCAL candidates for every modality in {@code mods} encoded by expert {@code expert}; none if the model cannot split. */
    private Map<Modality, Fetcher.LocalOption> localOptions(List<Modality> mods, int expert) {
      Map<Modality, Fetcher.LocalOption> out = new EnumMap<>(Modality.class);
      if (!model.localCapable()) {
        return out;
      }
      for (Modality m : mods) {
        out.put(m, new Fetcher.LocalOption(model.version(), expert, experts.get(expert).name(),
            model.encoderFlops(expert, m), model.encodedWidth(expert, m)));
      }
      return out;
    }

    /** LOCAL candidates of a round: per modality, only when all its samples target the same expert. */
    private Map<Modality, Fetcher.LocalOption> localOptions(Map<Modality, List<String>> wanted) {
      Map<Modality, Fetcher.LocalOption> out = new EnumMap<>(Modality.class);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        index.putIfAbsent(ids.get(i), i);
      }
      wanted.forEach((m, list) -> {
        java.util.Set<Integer> experts = new java.util.HashSet<>();
        for (String id : list) {
          experts.add(target[index.get(id)]);
        }
        if (experts.size() == 1 && experts.iterator().next() >= 0) {
          out.putAll(localOptions(List.of(m), experts.iterator().next()));
        }
      });
      return out;
    }

    private void fetch(Map<Modality, List<String>> wanted, Map<Modality, Fetcher.LocalOption> local) {
      if (wanted.values().stream().allMatch(List::isEmpty)) {
        return;
      }
      round++;
      Fetcher.Round r = fetcher.fetch(taskId, round, wanted, request.deadlineSeconds(), request.objective(), local);
      r.features().forEach((m, f) -> held.computeIfAbsent(m, k -> new HashMap<>()).putAll(f));
      r.encoded().forEach((m, e) -> {
        Map<String, Local> byId = encodedHeld.computeIfAbsent(m, k -> new HashMap<>());
        e.vectors().forEach((id, v) -> byId.put(id, new Local(e.expert(), v)));
      });
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
          this.target[i] = intended[i];
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
          this.target[i] = best;
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

    /**
     * Degradation after LOCAL: a sample that must fall back, whose fallback expert's modalities are
     * held only as vectors encoded for another expert (e.g. A and T encoded for V+A+T, then the video
     * device is lost), gets those modalities fetched raw in one more OFFLOAD round — otherwise the
     * fallback could not run and the sample would be unserved although its devices are live.
     */
    private void refetchRawForFallback() {
      Map<Modality, List<String>> raw = new EnumMap<>(Modality.class);
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        if (intended[i] >= 0 && usable(id, intended[i])) {
          continue;
        }
        Set<Modality> delivered = EnumSet.noneOf(Modality.class);
        for (Modality m : Modality.values()) {
          if (held.getOrDefault(m, Map.of()).containsKey(id) || encodedHeld.getOrDefault(m, Map.of()).containsKey(id)) {
            delivered.add(m);
          }
        }
        int fallback = bestSubset(delivered);
        if (fallback >= 0 && !usable(id, fallback)) {
          for (Modality m : experts.get(fallback).modalities()) {
            if (!held.getOrDefault(m, Map.of()).containsKey(id)) {
              raw.computeIfAbsent(m, k -> new ArrayList<>()).add(id);
            }
          }
        }
      }
      if (!raw.isEmpty()) {
        problems.add("re-fetched " + raw.keySet() + " raw for the fallback expert (held only encoded for another expert)");
        fetch(raw);
      }
    }

    private Outcome finish() {
      refetchRawForFallback();
      int n = ids.size();
      int[] run = new int[n];
      List<Integer> served = new ArrayList<>();
      int degraded = 0;
      for (int i = 0; i < n; i++) {
        run[i] = intended[i] >= 0 && usable(ids.get(i), intended[i]) ? intended[i] : bestUsable(ids.get(i));
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
        long t0 = nanos.getAsLong();
        if (encodedHeld.isEmpty()) {
          MultimodalSplit split = split(served.stream().map(ids::get).toList(), List.copyOf(used));
          predictions = model.route(split, choice);
        } else {
          predictions = predictMixed(served, choice);
          // the devices ran these encoders: not MEC compute
          for (int j = 0; j < choice.length; j++) {
            for (Modality m : experts.get(choice[j]).modalities()) {
              if (encodedFor(ids.get(served.get(j)), m, choice[j]).isPresent()) {
                expertFlops -= model.encoderFlops(choice[j], m);
              }
            }
          }
        }
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

    /** The vector encoded on a device for {@code id}'s modality {@code m} by expert {@code expert}'s encoder, if any. */
    private Optional<float[]> encodedFor(String id, Modality m, int expert) {
      Local l = encodedHeld.getOrDefault(m, Map.of()).get(id);
      return l != null && l.expert() == expert ? Optional.of(l.values()) : Optional.empty();
    }

    /** Whether expert {@code e} can run on {@code id}: each modality raw, or encoded by e's own encoder. */
    private boolean usable(String id, int e) {
      for (Modality m : experts.get(e).modalities()) {
        boolean raw = held.getOrDefault(m, Map.of()).containsKey(id);
        if (!raw && encodedFor(id, m, e).isEmpty()) {
          return false;
        }
      }
      return true;
    }

    /** The usable expert with the most modalities (lowest index on ties); -1 if none. */
    private int bestUsable(String id) {
      int best = -1;
      for (int e = 0; e < experts.size(); e++) {
        if (usable(id, e) && (best < 0 || experts.get(e).size() > experts.get(best).size())) {
          best = e;
        }
      }
      return best;
    }

    /** Runs each served sample's expert on its raw inputs and device-encoded vectors (grouped by expert). */
    private float[] predictMixed(List<Integer> served, int[] choice) {
      float[] out = new float[choice.length];
      for (int e = 0; e < experts.size(); e++) {
        List<Integer> group = new ArrayList<>();
        List<Map<Modality, ExpertInput>> inputs = new ArrayList<>();
        for (int j = 0; j < choice.length; j++) {
          if (choice[j] != e) {
            continue;
          }
          String id = ids.get(served.get(j));
          Map<Modality, ExpertInput> in = new EnumMap<>(Modality.class);
          for (Modality m : experts.get(e).modalities()) {
            Optional<float[]> enc = encodedFor(id, m, e);
            float[] raw = held.getOrDefault(m, Map.of()).get(id);
            // the device's vector when there is one (its encoder already ran), else the raw features
            in.put(m, enc.isPresent() ? new ExpertInput.Encoded(enc.get()) : new ExpertInput.Raw(raw));
          }
          group.add(j);
          inputs.add(in);
        }
        if (!group.isEmpty()) {
          float[] y = model.predictMixed(e, inputs);
          for (int k = 0; k < y.length; k++) {
            out[group.get(k)] = y[k];
          }
        }
      }
      return out;
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

  /** A vector a device encoded with expert {@code expert}'s encoder. */
  private record Local(int expert, float[] values) {}

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
