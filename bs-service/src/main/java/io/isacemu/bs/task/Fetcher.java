package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.registry.SessionLostException;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.scheduler.DeviceAllocation;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.OptimalScheduler;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.scheduler.Schedule;
import io.isacemu.core.scheduler.SchedulingProblem;
import io.isacemu.core.sensing.SensingWindow;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.proto.SampleResult;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * One fetch round: picks for each needed modality its best LIVE device (highest one-unit SNR),
 * lets the isac-core {@link OptimalScheduler} split the free units among them (min makespan, or
 * min energy under the deadline), sends the SenseCommands and gathers the answers.
 *
 * <p>Binary offloading per device (isac-core {@link PathOption}): OFFLOAD uploads the raw bits
 * {@code A_k = n · m_k · T^s} for {@code n} samples (eq. 1) at {@code R_k} of eq. (5) (one-unit SNR
 * {@code γ_1} from the device's latest report: channel gain, else SNR; 0 dB before the first
 * report), then the MEC encodes them in {@code n·FLOPs_enc / (f_mec·FLOPs/cycle)}; LOCAL encodes on
 * the device ({@code cycles = n·FLOPs_enc / FLOPs-per-cycle_k}, {@code T = cycles/f_k}, {@code E =
 * κ f_k² cycles}, κ = {@link DeviceProcessor#REFERENCE_KAPPA}) and uploads {@code n·32·d_model}
 * bits. LOCAL is offered only when the caller names the one expert whose encoder the device would
 * run ({@link LocalOption}) and {@code isac.bs.processing} allows it; the scheduler then picks the
 * path with the units (min makespan / min energy). A device that refuses LOCAL (no or another
 * bundle: {@code SENSE_STATUS_LOCAL_UNAVAILABLE}) is asked again with OFFLOAD on the same units.
 */
final class Fetcher {

  /** What a round delivered. Features per modality per sample id, row-major T×d. */
  record Round(
      Map<Modality, Map<String, float[]>> features,
      List<TaskResult.DeviceRound> devices,
      double sensingSeconds,
      double commSeconds,
      double energyJ,
      double bits,
      double wallSeconds,
      List<String> problems,
      Map<Modality, Encoded> encoded) {

    static Round empty(List<String> problems) {
      return new Round(new EnumMap<>(Modality.class), List.of(), 0, 0, 0, 0, 0, problems,
          new EnumMap<>(Modality.class));
    }
  }

  /**
   * What a device may encode locally in a round: expert {@code expert}'s encoder for the modality,
   * from bundle {@code modelVersion}.
   *
   * @param modelVersion bundle version in service
   * @param expert expert index in gate-output order, ≥ 0
   * @param expertName its canonical name (sent to the device)
   * @param encoderFlops FLOPs of that encoder per sample, ≥ 1
   * @param encodedWidth {@code d_model} of its output, ≥ 1
   */
  record LocalOption(String modelVersion, int expert, String expertName, long encoderFlops, int encodedWidth) {}

  /**
   * Vectors a device encoded with expert {@code expert}'s encoder, per sample id.
   *
   * @param expert expert index whose head may consume them
   * @param vectors per sample id its {@code d_model} floats
   */
  record Encoded(int expert, Map<String, float[]> vectors) {}

  private final DeviceRegistry registry;
  private final UplinkModel uplink;
  private final SpectrumLedger ledger;
  private final BsProperties props;
  private final DatasetCatalog catalog;
  private final LongSupplier nanos;
  private static final int BITS_PER_FLOAT = 32;
  private final OptimalScheduler scheduler = new OptimalScheduler();
  private final MecServer mec;
  // device id -> the bundle version it refused LOCAL for, and when: not offered again for a while, so a
  // device without the bundle does not cost every task a refused round trip
  private final Map<String, Refusal> localRefusals = new java.util.concurrent.ConcurrentHashMap<>();
  /** Entries of {@link #localRefusals} at most; past it the cache starts over (it is only a cache). */
  private static final int MAX_REFUSALS = 4096;

  private record Refusal(String version, long atNanos) {}

  /** How long a device that refused LOCAL for a bundle version is offered only OFFLOAD for it, wall ns (30 s). */
  static final long LOCAL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

  Fetcher(DeviceRegistry registry, UplinkModel uplink, SpectrumLedger ledger, BsProperties props,
      DatasetCatalog catalog, LongSupplier nanos) {
    this.registry = registry;
    this.uplink = uplink;
    this.ledger = ledger;
    this.props = props;
    this.catalog = catalog;
    this.nanos = nanos;
    this.mec = new MecServer(props.mec().cpuHz(), props.mec().flopsPerCycle());
  }

  /** One-unit post-combining SNR γ_1 of {@code v}, linear (eq. 5 with b = 1). */
  double snrPerUnit(DeviceView v) {
    if (v.channelGainDb().isPresent()) {
      double gain = Math.min(1.0, Units.dbToLinear(v.channelGainDb().get()));
      return uplink.snrPerUnitLinear(Math.max(-50, Math.min(50, v.txPowerDbm())), gain);
    }
    double snrDb = v.snrDb().orElse(0.0);
    return uplink.bsAntennas() * Units.dbToLinear(snrDb);
  }

  /** The LIVE device for {@code m} with the best γ_1; empty when none is LIVE. */
  Optional<DeviceView> best(Modality m) {
    return registry.live(m).stream().max(Comparator.comparingDouble(this::snrPerUnit));
  }

  Round fetch(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds, Objective objective) {
    return fetch(taskId, round, wanted, deadlineSeconds, objective, Map.of());
  }

  /**
   * The processing paths offered to the scheduler for {@code n} samples of device {@code v}: OFFLOAD
   * (raw upload, then MEC encoding when the encoder is known), and LOCAL when {@code local} is
   * present and {@code isac.bs.processing} is not {@code offload}; with {@code local} processing only
   * the LOCAL path.
   */
  List<PathOption> paths(DeviceView v, int n, Optional<LocalOption> local) {
    double rawBits = rawBits(v, n);
    if (local.isEmpty() || props.processing() == BsProperties.Processing.OFFLOAD) {
      return List.of(PathOption.offload(rawBits, 0.0));
    }
    LocalOption l = local.get();
    double flops = (double) n * l.encoderFlops();
    PathOption onDevice = PathOption.local(flops / v.flopsPerCycle(), v.cpuHz(), DeviceProcessor.REFERENCE_KAPPA,
        (double) n * BITS_PER_FLOAT * l.encodedWidth());
    if (props.processing() == BsProperties.Processing.LOCAL) {
      return List.of(onDevice);
    }
    return List.of(PathOption.offload(rawBits, mec.seconds(flops)), onDevice);
  }

  /**
   * One round.
   *
   * @param local per modality the encoder a device may run (LOCAL path); absent = OFFLOAD only
   */
  Round fetch(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds, Objective objective,
      Map<Modality, LocalOption> local) {
    List<String> problems = new ArrayList<>();
    Map<Modality, DeviceView> chosen = new EnumMap<>(Modality.class);
    for (Map.Entry<Modality, List<String>> e : wanted.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Optional<DeviceView> d = best(e.getKey());
      if (d.isPresent()) {
        chosen.put(e.getKey(), d.get());
      } else {
        problems.add("no LIVE " + e.getKey() + " device");
      }
    }
    if (chosen.isEmpty()) {
      return Round.empty(problems);
    }
    double ts = props.sensingSeconds();
    List<Modality> order = new ArrayList<>(chosen.keySet());
    List<DeviceDemand> demands = new ArrayList<>();
    Map<Modality, LocalOption> offered = new EnumMap<>(Modality.class);
    for (Modality m : order) {
      DeviceView v = chosen.get(m);
      Optional.ofNullable(local.get(m)).filter(l -> !recentlyRefused(v.deviceId(), l.modelVersion()))
          .ifPresent(l -> offered.put(m, l));
      demands.add(DeviceDemand.powerLimited(v.deviceId(), snrPerUnit(v), Units.dbmToWatts(v.txPowerDbm()),
          paths(v, wanted.get(m).size(), Optional.ofNullable(offered.get(m)))));
    }
    Map<String, Integer> grant = new LinkedHashMap<>();
    Schedule.Feasible schedule;
    synchronized (ledger) {
      // concurrent rounds hold the band until they finish: wait for units within the wall budget
      boolean enough;
      try {
        enough = ledger.awaitFree(order.size(), wallBudgetNanos(deadlineSeconds));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        enough = false;
      }
      int free = ledger.free();
      if (!enough) {
        problems.add("only " + free + " free units for " + order.size() + " devices before the deadline");
        return Round.empty(problems);
      }
      SchedulingProblem problem = new SchedulingProblem(ledger.spectrum().unitBandwidthHz(), free, demands);
      // sensing every sample takes n·T^s before the upload; the rest of the deadline is the scheduler's
      double maxSensing = order.stream().mapToDouble(m -> wanted.get(m).size() * ts).max().orElse(0);
      Schedule s = objective == Objective.ENERGY && deadlineSeconds > maxSensing
          ? scheduler.minimizeEnergy(problem, deadlineSeconds - maxSensing)
          : scheduler.minimizeLatency(problem);
      if (s instanceof Schedule.Infeasible inf) {
        problems.add("energy schedule infeasible (" + inf.reason() + "); used the min-latency schedule");
        s = scheduler.minimizeLatency(problem);
      }
      if (!(s instanceof Schedule.Feasible f)) {
        problems.add("no feasible schedule: " + ((Schedule.Infeasible) s).reason());
        return Round.empty(problems);
      }
      schedule = f;
      for (DeviceAllocation a : f.allocations()) {
        grant.put(a.deviceId(), a.units());
      }
      ledger.reserve(grant);
    }
    try {
      return send(taskId, round, wanted, deadlineSeconds, chosen, order, schedule, problems, offered);
    } finally {
      ledger.release(grant);
    }
  }

  private Round send(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds,
      Map<Modality, DeviceView> chosen, List<Modality> order, Schedule.Feasible schedule, List<String> problems,
      Map<Modality, LocalOption> local) {
    long start = nanos.getAsLong();
    List<CompletableFuture<SenseResult>> futures = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Modality m = order.get(i);
      DeviceAllocation a = schedule.allocations().get(i);
      futures.add(registry.sense(chosen.get(m).deviceId(),
          command(taskId, wanted.get(m), deadlineSeconds, a.units(), a.mode(), Optional.ofNullable(local.get(m)))));
    }
    long wallBudgetNanos = wallBudgetNanos(deadlineSeconds);
    Map<Modality, Map<String, float[]>> features = new EnumMap<>(Modality.class);
    Map<Modality, Encoded> encoded = new EnumMap<>(Modality.class);
    List<TaskResult.DeviceRound> rounds = new ArrayList<>();
    double sensing = 0;
    double comm = 0;
    double energy = 0;
    double bits = 0;
    for (int i = 0; i < order.size(); i++) {
      Modality m = order.get(i);
      DeviceView v = chosen.get(m);
      DeviceAllocation a = schedule.allocations().get(i);
      int n = wanted.get(m).size();
      ProcessingMode mode = a.mode();
      Answer answer = await(futures.get(i), start, wallBudgetNanos, v, problems);
      if (mode == ProcessingMode.LOCAL && answer.result().map(Fetcher::refusedLocal).orElse(false)) {
        // no or another bundle on the device: record why, then fetch the raw features on the same units
        SenseResult refusal = answer.result().get();
        rounds.add(new TaskResult.DeviceRound(round, v.deviceId(), m, n, a.units(),
            ledger.spectrum().bandwidthHz(a.units()), a.rateBps(), ProcessingMode.LOCAL, 0, 0, 0, 0,
            outcome(refusal), Double.isFinite(refusal.getEnergyJ()) ? refusal.getEnergyJ() : 0, 0));
        problems.add("device " + v.deviceId() + " refused LOCAL (" + refusal.getErrorMessage()
            + "); re-fetched with OFFLOAD");
        if (localRefusals.size() >= MAX_REFUSALS) { // bounded: device ids come and go
          localRefusals.clear();
        }
        localRefusals.put(v.deviceId(), new Refusal(local.get(m).modelVersion(), nanos.getAsLong()));
        mode = ProcessingMode.OFFLOAD;
        answer = await(registry.sense(v.deviceId(),
            command(taskId, wanted.get(m), deadlineSeconds, a.units(), mode, Optional.empty())),
            start, wallBudgetNanos, v, problems);
      }
      // modelled costs of the path actually taken (the refused LOCAL cost nothing: nothing was sensed)
      PathOption path = mode == a.mode()
          ? pathOf(v, n, a.mode(), Optional.ofNullable(local.get(m)))
          : PathOption.offload(rawBits(v, n), 0.0);
      double uploadSeconds = path.bits() / a.rateBps();
      double deviceComputeSeconds = mode == ProcessingMode.LOCAL ? path.fixedSeconds() : 0;
      double deviceSensing = n * props.sensingSeconds();
      double deviceEnergy = (mode == ProcessingMode.LOCAL ? path.fixedEnergyJ() : 0)
          + Units.dbmToWatts(v.txPowerDbm()) * uploadSeconds + props.sensingPowerW() * deviceSensing;
      sensing = Math.max(sensing, deviceSensing);
      comm = Math.max(comm, deviceComputeSeconds + uploadSeconds);
      energy += deviceEnergy;
      bits += path.bits();
      int delivered = 0;
      double reportedEnergy = 0;
      double encodeWall = 0;
      String outcome = answer.outcome();
      if (answer.result().isPresent()) {
        SenseResult r = answer.result().get();
        reportedEnergy = Double.isFinite(r.getEnergyJ()) ? r.getEnergyJ() : 0;
        encodeWall = Double.isFinite(r.getEncodeWallS()) ? Math.max(0, r.getEncodeWallS()) : 0;
        if (mode == ProcessingMode.LOCAL) {
          LocalOption l = local.get(m);
          Map<String, float[]> got = acceptEncoded(r, wanted.get(m), l.encodedWidth());
          delivered = got.size();
          encoded.computeIfAbsent(m, k -> new Encoded(l.expert(), new HashMap<>())).vectors().putAll(got);
        } else {
          Map<String, float[]> got = accept(m, r, wanted.get(m));
          delivered = got.size();
          features.computeIfAbsent(m, k -> new HashMap<>()).putAll(got);
        }
        outcome = r.getStatus() == SenseStatus.SENSE_STATUS_OK && delivered == n ? "OK" : outcome(r);
        if (delivered < n) {
          problems.add("device " + v.deviceId() + " delivered " + delivered + "/" + n + " samples (" + outcome + ")");
        }
      }
      rounds.add(new TaskResult.DeviceRound(round, v.deviceId(), m, n, a.units(),
          ledger.spectrum().bandwidthHz(a.units()), a.rateBps(), mode, path.bits(),
          deviceSensing + deviceComputeSeconds + uploadSeconds, deviceEnergy, delivered, outcome, reportedEnergy,
          encodeWall));
    }
    double wall = (nanos.getAsLong() - start) / 1e9;
    return new Round(features, rounds, sensing, comm, energy, bits, wall, problems, encoded);
  }

  private boolean recentlyRefused(String deviceId, String version) {
    Refusal r = localRefusals.get(deviceId);
    return r != null && r.version().equals(version) && nanos.getAsLong() - r.atNanos() < LOCAL_RETRY_NANOS;
  }

  /**
   * Raw bits of {@code n} samples of device {@code v}: eq. (1) {@code m_k T^s} per sample, each
   * sample its own sensing window (the device reports the same, from the same {@link SensingWindow}).
   */
  private double rawBits(DeviceView v, int n) {
    return n * SensingWindow.selected(v.sensingRateBps(), props.sensingSeconds()).dataBits();
  }

  /** The path option of {@code mode} among {@link #paths}. */
  private PathOption pathOf(DeviceView v, int n, ProcessingMode mode, Optional<LocalOption> local) {
    return paths(v, n, local).stream().filter(p -> p.mode() == mode).findFirst().orElseThrow();
  }

  private SenseCommand.Builder command(String taskId, List<String> ids, double deadlineSeconds, int units,
      ProcessingMode mode, Optional<LocalOption> local) {
    SenseCommand.Builder c = SenseCommand.newBuilder()
        .setTaskId(taskId)
        .addAllSampleIds(ids)
        .setSensingTimeS(props.sensingSeconds())
        .setBandwidthUnits(units)
        .setUnitBandwidthHz(ledger.spectrum().unitBandwidthHz())
        .setProcessingMode(mode == ProcessingMode.LOCAL
            ? io.isacemu.proto.ProcessingMode.PROCESSING_MODE_LOCAL
            : io.isacemu.proto.ProcessingMode.PROCESSING_MODE_OFFLOAD)
        .setDeadlineS(deadlineSeconds)
        .setTimeScaleFactor(props.timeScaleFactor());
    if (mode == ProcessingMode.LOCAL) {
      LocalOption l = local.orElseThrow();
      c.setModelVersion(l.modelVersion()).setEncoderExpert(l.expertName());
    }
    return c;
  }

  /** A device's answer, or why there is none (TIMEOUT, LOST, ERROR, INTERRUPTED). */
  private record Answer(Optional<SenseResult> result, String outcome) {}

  private Answer await(CompletableFuture<SenseResult> future, long start, long wallBudgetNanos, DeviceView v,
      List<String> problems) {
    try {
      long left = Math.max(0, wallBudgetNanos - (nanos.getAsLong() - start));
      SenseResult r = future.get(left, TimeUnit.NANOSECONDS);
      return new Answer(Optional.of(r), outcome(r));
    } catch (TimeoutException e) {
      future.cancel(false);
      problems.add("device " + v.deviceId() + " missed the deadline");
      return new Answer(Optional.empty(), "TIMEOUT");
    } catch (ExecutionException e) {
      String outcome = (e.getCause() instanceof SessionLostException ? "LOST: " : "ERROR: ") + e.getCause().getMessage();
      problems.add("device " + v.deviceId() + " " + outcome);
      return new Answer(Optional.empty(), outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while waiting for " + v.deviceId());
      return new Answer(Optional.empty(), "INTERRUPTED");
    }
  }

  private static String outcome(SenseResult r) {
    return r.getStatus().name().replace("SENSE_STATUS_", "")
        + (r.getErrorMessage().isEmpty() ? "" : ": " + r.getErrorMessage());
  }

  /**
   * Whether a LOCAL command was refused before sensing: LOCAL_UNAVAILABLE, or INVALID_COMMAND with no
   * samples from a device that predates that status.
   */
  private static boolean refusedLocal(SenseResult r) {
    return r.getStatus() == SenseStatus.SENSE_STATUS_LOCAL_UNAVAILABLE
        || (r.getStatus() == SenseStatus.SENSE_STATUS_INVALID_COMMAND && r.getSamplesCount() == 0);
  }

  /** The well-formed encoded vectors of {@code r} that were asked for ({@code width} finite floats). */
  private static Map<String, float[]> acceptEncoded(SenseResult r, List<String> asked, int width) {
    java.util.Set<String> askedSet = new java.util.HashSet<>(asked);
    Map<String, float[]> out = new HashMap<>();
    for (SampleResult s : r.getSamplesList()) {
      if (!askedSet.contains(s.getSampleId()) || !s.hasEncoded() || s.getEncoded().getValuesCount() != width) {
        continue;
      }
      float[] values = new float[width];
      boolean finite = true;
      for (int j = 0; j < width; j++) {
        values[j] = s.getEncoded().getValues(j);
        finite &= Float.isFinite(values[j]);
      }
      if (finite) {
        out.put(s.getSampleId(), values);
      }
    }
    return out;
  }

  /** Wall-clock budget of a round: the deadline scaled by the time factor, plus the grace. */
  private long wallBudgetNanos(double deadlineSeconds) {
    return (long) (deadlineSeconds * props.timeScaleFactor() * 1e9) + TimeUnit.MILLISECONDS.toNanos(props.deadlineGraceMs());
  }

  /** The well-formed samples of {@code r} that were asked for (T × d finite floats). */
  private Map<String, float[]> accept(Modality m, SenseResult r, List<String> asked) {
    int steps = catalog.sequenceLength();
    int dim = catalog.featureDim(m).orElseThrow();
    java.util.Set<String> askedSet = new java.util.HashSet<>(asked);
    Map<String, float[]> out = new HashMap<>();
    for (SampleResult s : r.getSamplesList()) {
      if (!askedSet.contains(s.getSampleId()) || !s.hasRaw()) {
        continue;
      }
      var raw = s.getRaw();
      if (raw.getSteps() != steps || raw.getDim() != dim || raw.getValuesCount() != steps * dim) {
        continue;
      }
      float[] values = new float[steps * dim];
      boolean finite = true;
      for (int j = 0; j < values.length; j++) {
        values[j] = raw.getValues(j);
        finite &= Float.isFinite(values[j]);
      }
      if (finite) {
        out.put(s.getSampleId(), values);
      }
    }
    return out;
  }
}
