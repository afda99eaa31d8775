package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.scheduler.DeviceAllocation;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One fetch round: select → schedule → sense → read. For each needed modality its best LIVE device
 * ({@link DeviceSelector}); the free units split among them ({@link RoundScheduler}); the
 * SenseCommands sent and answered ({@link SenseClient}, {@link SenseResultReader}); the modelled
 * cost of each device's path ({@link PathCosts}).
 *
 * <p>Binary offloading per device (isac-core {@code PathOption}): OFFLOAD uploads the raw bits
 * {@code A_k = n · m_k · T^s} for {@code n} samples (eq. 1) at {@code R_k} of eq. (5), then the MEC
 * encodes them; LOCAL encodes on the device and uploads {@code n·32·d_model} bits. LOCAL is offered
 * only when the caller names the one expert whose encoder the device would run ({@link
 * LocalOption}) and {@code isac.bs.processing} allows it; the scheduler then picks the path with the
 * units. A device that refuses LOCAL (no or another bundle: {@code SENSE_STATUS_LOCAL_UNAVAILABLE})
 * is asked again with OFFLOAD on the same units.
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

  private final DeviceSelector selector;
  private final RoundScheduler scheduler;
  private final SenseClient client;
  private final SenseResultReader reader;
  private final PathCosts costs;
  private final SpectrumLedger ledger;
  private final LongSupplier nanos;
  private final DeviceStates states;
  private final TaskPhases phases;

  Fetcher(DeviceStates states, DeviceSelector selector, RoundScheduler scheduler, SenseClient client, SenseResultReader reader,
      PathCosts costs, SpectrumLedger ledger, LongSupplier nanos, TaskPhases phases) {
    this.phases = phases;
    this.selector = selector;
    this.scheduler = scheduler;
    this.client = client;
    this.reader = reader;
    this.costs = costs;
    this.ledger = ledger;
    this.nanos = nanos;
    this.states = states;
  }

  /** The fetch step wired from the BS's collaborators; {@code nanos} is the one ticker of every wait and wall time. */
  static Fetcher create(DeviceRegistry registry, DeviceSelector selector, SpectrumLedger ledger, BsProperties props,
      DatasetCatalog catalog, MecServer mec, LongSupplier nanos) {
    return create(DeviceStates.wall(registry), selector, ledger, props, catalog, mec, nanos);
  }

  /** As above, the device states and commands per time mode from {@code states}. */
  static Fetcher create(DeviceStates states, DeviceSelector selector, SpectrumLedger ledger, BsProperties props,
      DatasetCatalog catalog, MecServer mec, LongSupplier nanos) {
    return create(states, selector, ledger, props, catalog, mec, nanos, TaskPhases.none());
  }

  /** As above, each round's state queries, scheduling and sensing timed into {@code phases}. */
  static Fetcher create(DeviceStates states, DeviceSelector selector, SpectrumLedger ledger, BsProperties props,
      DatasetCatalog catalog, MecServer mec, LongSupplier nanos, TaskPhases phases) {
    return new Fetcher(states, selector, new RoundScheduler(ledger, nanos),
        new SenseClient(states, props, ledger::spectrum, nanos), new SenseResultReader(catalog),
        new PathCosts(props, mec), ledger, nanos, phases);
  }

  /** The device states and command stamping of the time mode. */
  DeviceStates states() {
    return states;
  }

  Round fetch(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds, Objective objective) {
    return fetch(taskId, round, wanted, deadlineSeconds, objective, Map.of(), 0);
  }

  /**
   * One round.
   *
   * @param local per modality the encoder a device may run (LOCAL path); absent = OFFLOAD only
   * @param timeS the round's emulated time, s (emulated mode: devices are ranked and scheduled on
   *     their states at it, and sense there)
   */
  Round fetch(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds, Objective objective,
      Map<Modality, LocalOption> local, double timeS) {
    List<String> problems = new ArrayList<>();
    Map<Modality, DeviceView> chosen = new EnumMap<>(Modality.class);
    long t0 = nanos.getAsLong();
    for (Map.Entry<Modality, List<String>> e : wanted.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Optional<DeviceView> d = selector.best(states.live(e.getKey(), timeS, problems));
      if (d.isPresent()) {
        chosen.put(e.getKey(), d.get());
      } else {
        problems.add("no LIVE " + e.getKey() + " device");
      }
    }
    long t1 = nanos.getAsLong();
    phases.record(TaskPhases.Phase.STATE_QUERY, t1 - t0);
    if (chosen.isEmpty()) {
      return Round.empty(problems);
    }
    List<Modality> order = new ArrayList<>(chosen.keySet());
    List<DeviceDemand> demands = new ArrayList<>();
    Map<Modality, LocalOption> offered = new EnumMap<>(Modality.class);
    for (Modality m : order) {
      DeviceView v = chosen.get(m);
      Optional.ofNullable(local.get(m)).filter(l -> !client.recentlyRefusedLocal(v.deviceId(), l.modelVersion()))
          .ifPresent(l -> offered.put(m, l));
      demands.add(DeviceDemand.powerLimited(v.deviceId(), selector.snrPerUnit(v), Units.dbmToWatts(v.txPowerDbm()),
          costs.options(v, wanted.get(m).size(), Optional.ofNullable(offered.get(m)))));
    }
    // sensing every sample takes n·T^s before the upload; the rest of the deadline is the scheduler's
    double maxSensing = order.stream().mapToDouble(m -> wanted.get(m).size() * costs.sensingSeconds()).max().orElse(0);
    Optional<RoundScheduler.Reservation> reservation = scheduler.reserve(demands, maxSensing, deadlineSeconds,
        objective, client.wallBudgetNanos(deadlineSeconds), problems);
    long t2 = nanos.getAsLong();
    phases.record(TaskPhases.Phase.SCHEDULE, t2 - t1);
    if (reservation.isEmpty()) {
      return Round.empty(problems);
    }
    try (RoundScheduler.Reservation r = reservation.get()) {
      return sense(taskId, round, wanted, deadlineSeconds, chosen, order, r, problems, offered, timeS);
    } finally {
      phases.record(TaskPhases.Phase.SENSE, nanos.getAsLong() - t2);
    }
  }

  private Round sense(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds,
      Map<Modality, DeviceView> chosen, List<Modality> order, RoundScheduler.Reservation schedule,
      List<String> problems, Map<Modality, LocalOption> local, double timeS) {
    long start = nanos.getAsLong();
    List<CompletableFuture<SenseResult>> futures = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Modality m = order.get(i);
      DeviceAllocation a = schedule.allocation(i);
      futures.add(client.send(chosen.get(m).deviceId(), timeS, taskId, wanted.get(m), deadlineSeconds, a.units(), a.mode(),
          Optional.ofNullable(local.get(m))));
    }
    long budget = client.wallBudgetNanos(deadlineSeconds);
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
      DeviceAllocation a = schedule.allocation(i);
      List<String> ids = wanted.get(m);
      int n = ids.size();
      ProcessingMode mode = a.mode();
      SenseClient.Answer answer = client.await(futures.get(i), start, budget, v.deviceId(), problems);
      if (mode == ProcessingMode.LOCAL && answer.result().map(SenseResultReader::refusedLocal).orElse(false)) {
        // no or another bundle on the device: record why, then fetch the raw features on the same units
        SenseResult refusal = answer.result().get();
        rounds.add(new TaskResult.DeviceRound(round, v.deviceId(), m, n, a.units(),
            ledger.spectrum().bandwidthHz(a.units()), a.rateBps(), ProcessingMode.LOCAL, 0, 0, 0, 0,
            SenseResultReader.outcome(refusal), SenseResultReader.finiteOrZero(refusal.getEnergyJ()), 0));
        problems.add("device " + v.deviceId() + " refused LOCAL (" + refusal.getErrorMessage()
            + "); re-fetched with OFFLOAD");
        client.refusedLocal(v.deviceId(), local.get(m).modelVersion());
        mode = ProcessingMode.OFFLOAD;
        answer = client.await(client.send(v.deviceId(), timeS, taskId, ids, deadlineSeconds, a.units(), mode,
            Optional.empty()), start, budget, v.deviceId(), problems);
      }
      // modelled costs of the path actually taken (the refused LOCAL cost nothing: nothing was sensed)
      PathCosts.DeviceCost cost = costs.cost(v, n, mode, Optional.ofNullable(local.get(m)), a.rateBps());
      sensing = Math.max(sensing, cost.sensingSeconds());
      comm = Math.max(comm, cost.computeSeconds() + cost.uploadSeconds());
      energy += cost.energyJ();
      bits += cost.bits();
      int delivered = 0;
      double reportedEnergy = 0;
      double encodeWall = 0;
      String outcome = answer.outcome();
      if (answer.result().isPresent()) {
        SenseResult r = answer.result().get();
        reportedEnergy = SenseResultReader.finiteOrZero(r.getEnergyJ());
        encodeWall = Math.max(0, SenseResultReader.finiteOrZero(r.getEncodeWallS()));
        if (mode == ProcessingMode.LOCAL) {
          LocalOption l = local.get(m);
          Map<String, float[]> got = reader.encoded(r, ids, l.encodedWidth());
          delivered = got.size();
          encoded.computeIfAbsent(m, k -> new Encoded(l.expert(), new HashMap<>())).vectors().putAll(got);
        } else {
          Map<String, float[]> got = reader.raw(m, r, ids);
          delivered = got.size();
          features.computeIfAbsent(m, k -> new HashMap<>()).putAll(got);
        }
        outcome = r.getStatus() == SenseStatus.SENSE_STATUS_OK && delivered == n ? "OK" : SenseResultReader.outcome(r);
        if (delivered < n) {
          problems.add("device " + v.deviceId() + " delivered " + delivered + "/" + n + " samples (" + outcome + ")");
        }
      }
      rounds.add(new TaskResult.DeviceRound(round, v.deviceId(), m, n, a.units(),
          ledger.spectrum().bandwidthHz(a.units()), a.rateBps(), mode, cost.bits(), cost.pathSeconds(),
          cost.energyJ(), delivered, outcome, reportedEnergy, encodeWall));
    }
    double wall = (nanos.getAsLong() - start) / 1e9;
    return new Round(features, rounds, sensing, comm, energy, bits, wall, problems, encoded);
  }
}
