package io.isacemu.bs.task;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.emulation.EmulationClock;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ModelLease;
import io.isacemu.bs.model.ServingGate;
import io.isacemu.bs.model.ServingModel;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.modality.Modality;
import io.isacemu.learning.GateMode;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs one task: plan → fetch → gate → infer → record. The gate mode says which rounds to fetch
 * (fixed: the expert's modalities; full: everything, then the full gate; on-demand: the cheap gate's
 * inputs, then only what the chosen experts still need). Each round is a {@link Fetcher} call; what
 * it delivers accumulates in {@link SampleInputs}; {@link DegradationPolicy} picks who serves a sample
 * whose expert lacks inputs; {@link InferenceRunner} runs the experts; {@link OutcomeAssembler} builds
 * the status and reason. The modelled latency is sensing + communication + MEC compute of the gate
 * and the experts (less the encoders devices ran, {@link LocalEncoders}).
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
  private final DeviceSelector selector;
  private final InferenceRunner inference;
  private final DatasetCatalog catalog;
  private final MecServer mec;
  private final SpectrumLedger ledger;
  private final LongSupplier nanos;
  private final DeviceStates states;
  private final TaskPhases phases;

  TaskEngine(ModelHolder holder, Fetcher fetcher, DeviceSelector selector, DatasetCatalog catalog, MecServer mec,
      SpectrumLedger ledger, LongSupplier nanos) {
    this(holder, fetcher, selector, catalog, mec, ledger, nanos, TaskPhases.none());
  }

  /** As above, the gate, the gate's network state and the experts timed into {@code phases}. */
  TaskEngine(ModelHolder holder, Fetcher fetcher, DeviceSelector selector, DatasetCatalog catalog, MecServer mec,
      SpectrumLedger ledger, LongSupplier nanos, TaskPhases phases) {
    this.phases = phases;
    this.states = fetcher.states();
    this.holder = holder;
    this.fetcher = fetcher;
    this.selector = selector;
    this.inference = new InferenceRunner(nanos);
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
    final SampleInputs inputs;
    final List<TaskResult.DeviceRound> devices = new ArrayList<>();
    final Set<String> problems = new LinkedHashSet<>();
    final int[] intended;
    // per sample the expert the on-demand second round fetches for (-1: none)
    final int[] target;
    final long start = nanos.getAsLong();
    // emulated time: the task starts at the BS clock; round r at start + the modelled time before it
    final double startS = clock().taskStarted();
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
      this.inputs = new SampleInputs(catalog, experts);
      this.intended = new int[ids.size()];
      Arrays.fill(intended, -1);
      this.target = new int[ids.size()];
      Arrays.fill(target, -1);
    }

    private EmulationClock clock() {
      return states.clock();
    }

    /** The emulated time now in this task: its start plus the modelled sensing and communication so far, s. */
    private double nowS() {
      return startS + sensing + comm;
    }

    Outcome execute() {
      TaskMode mode = request.mode();
      if (mode instanceof TaskMode.Fixed f) {
        int idx = model.indexOf(f.expert());
        if (idx < 0) {
          return Outcome.failed("mode: expert " + f.expert().name() + " is not in bundle " + model.version()
              + " (experts: " + names() + ")", Optional.of(model.version()));
        }
        Arrays.fill(intended, idx);
        fetch(all(f.expert()), LocalEncoders.forExpert(model, f.expert().modalities(), idx));
      } else if (mode instanceof TaskMode.Gated gated && gated.gate() == GateMode.FULL) {
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
        fetch(missing, LocalEncoders.forRound(model, ids, target, missing));
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

    private void fetch(Map<Modality, List<String>> wanted, Map<Modality, Fetcher.LocalOption> local) {
      if (wanted.values().stream().allMatch(List::isEmpty)) {
        return;
      }
      round++;
      Fetcher.Round r = fetcher.fetch(taskId, round, wanted, request.deadlineSeconds(), request.objective(), local,
          nowS());
      inputs.add(r);
      devices.addAll(r.devices());
      problems.addAll(r.problems());
      sensing += r.sensingSeconds();
      comm += r.commSeconds();
      energy += r.energyJ();
      bits += r.bits();
      fetchWall += r.wallSeconds();
    }

    private boolean has(String id, ModalitySet set) {
      return inputs.rawModalities(id).containsAll(set.asEnumSet());
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
      MultimodalSplit split = inputs.split(gIds, in.modalities());
      long q = nanos.getAsLong();
      float[] state = gate.networkStateDim() == 0 ? new float[0] : networkState().vector(gate.networkStateDim());
      long t0 = nanos.getAsLong();
      phases.record(TaskPhases.Phase.STATE_QUERY, t0 - q);
      int[] choice = gate.choose(split, (s, i) -> state);
      long gateNanos = nanos.getAsLong() - t0;
      phases.record(TaskPhases.Phase.GATE, gateNanos);
      computeWall += gateNanos / 1e9;
      gateFlops += (double) gate.gateFlops() * gatable.size();
      for (int k = 0; k < choice.length; k++) {
        intended[gatable.get(k)] = choice[k];
      }
    }

    /** The state the gate reads: per modality the best device at the gate's emulated time (wall: latest reports). */
    private io.isacemu.learning.NetworkState networkState() {
      List<String> found = new ArrayList<>();
      io.isacemu.learning.NetworkState s = selector.networkState(ledger, m -> selector.best(states.live(m, nowS(), found)));
      problems.addAll(found);
      return s;
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
            if (selector.best(m).isPresent() || inputs.rawModalities(ids.get(i)).contains(m)) {
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
        Set<Modality> have = inputs.rawModalities(ids.get(i));
        for (Modality m : target.modalities()) {
          if (!have.contains(m)) {
            wanted.computeIfAbsent(m, k -> new ArrayList<>()).add(ids.get(i));
          }
        }
      }
      return wanted;
    }

    private int bestSubset(Set<Modality> avail) {
      return DegradationPolicy.largestWithin(experts, avail);
    }

    /** Degradation after LOCAL: see {@link DegradationPolicy#rawForFallback}. */
    private void refetchRawForFallback() {
      Map<Modality, List<String>> raw = DegradationPolicy.rawForFallback(experts, inputs, ids, intended);
      if (!raw.isEmpty()) {
        problems.add("re-fetched " + raw.keySet() + " raw for the fallback expert (held only encoded for another expert)");
        fetch(raw);
      }
    }

    private Outcome finish() {
      refetchRawForFallback();
      int[] run = DegradationPolicy.runnable(inputs, ids, intended);
      List<Integer> served = new ArrayList<>();
      int degraded = 0;
      for (int i = 0; i < run.length; i++) {
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
        int[] choice = served.stream().mapToInt(i -> run[i]).toArray();
        InferenceRunner.Inference y = inference.run(model, inputs, served.stream().map(ids::get).toList(), choice);
        predictions = y.predictions();
        expertFlops = y.expertFlops();
        computeWall += y.wallSeconds();
        phases.record(TaskPhases.Phase.INFERENCE, (long) (y.wallSeconds() * 1e9));
      }
      double compute = mec.seconds(gateFlops + expertFlops);
      TaskResult.Latency modelled = new TaskResult.Latency(sensing, comm, compute, sensing + comm + compute);
      clock().taskEnded(startS + modelled.totalSeconds());
      TaskResult.MeasuredLatency measured = new TaskResult.MeasuredLatency(
          fetchWall, computeWall, (nanos.getAsLong() - start) / 1e9);
      return OutcomeAssembler.outcome(model.version(),
          OutcomeAssembler.samples(catalog, experts, ids, intended, run, predictions), served.size(), degraded,
          problems, devices, modelled, measured, energy, bits);
    }
  }

  private static ModalitySet union(ModalitySet a, ModalitySet b) {
    return new ModalitySet(a.mask() | b.mask());
  }
}
