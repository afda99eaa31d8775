package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.registry.SessionLostException;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.scheduler.DeviceAllocation;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.OptimalScheduler;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.scheduler.Schedule;
import io.isacemu.core.scheduler.SchedulingProblem;
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
 * <p>Devices cannot run encoders yet, so the scheduler is given only the OFFLOAD path of each
 * device: raw bits {@code A_k = n · m_k · T^s} for {@code n} samples (eq. 1), uploaded at {@code R_k}
 * of eq. (5) with the one-unit SNR {@code γ_1} from the device's latest report (channel gain, else
 * SNR; 0 dB before the first report). MEC encoding is counted in the task's compute time.
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
      List<String> problems) {

    static Round empty(List<String> problems) {
      return new Round(new EnumMap<>(Modality.class), List.of(), 0, 0, 0, 0, 0, problems);
    }
  }

  private final DeviceRegistry registry;
  private final UplinkModel uplink;
  private final SpectrumLedger ledger;
  private final BsProperties props;
  private final DatasetCatalog catalog;
  private final LongSupplier nanos;
  private final OptimalScheduler scheduler = new OptimalScheduler();

  Fetcher(DeviceRegistry registry, UplinkModel uplink, SpectrumLedger ledger, BsProperties props,
      DatasetCatalog catalog, LongSupplier nanos) {
    this.registry = registry;
    this.uplink = uplink;
    this.ledger = ledger;
    this.props = props;
    this.catalog = catalog;
    this.nanos = nanos;
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
    for (Modality m : order) {
      DeviceView v = chosen.get(m);
      double bits = wanted.get(m).size() * v.sensingRateBps() * ts;
      demands.add(DeviceDemand.powerLimited(v.deviceId(), snrPerUnit(v), Units.dbmToWatts(v.txPowerDbm()),
          List.of(PathOption.offload(bits, 0.0))));
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
      return send(taskId, round, wanted, deadlineSeconds, chosen, order, schedule, problems);
    } finally {
      ledger.release(grant);
    }
  }

  private Round send(String taskId, int round, Map<Modality, List<String>> wanted, double deadlineSeconds,
      Map<Modality, DeviceView> chosen, List<Modality> order, Schedule.Feasible schedule, List<String> problems) {
    double ts = props.sensingSeconds();
    long start = nanos.getAsLong();
    List<CompletableFuture<SenseResult>> futures = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Modality m = order.get(i);
      DeviceAllocation a = schedule.allocations().get(i);
      futures.add(registry.sense(chosen.get(m).deviceId(), SenseCommand.newBuilder()
          .setTaskId(taskId)
          .addAllSampleIds(wanted.get(m))
          .setSensingTimeS(ts)
          .setBandwidthUnits(a.units())
          .setUnitBandwidthHz(ledger.spectrum().unitBandwidthHz())
          .setProcessingMode(io.isacemu.proto.ProcessingMode.PROCESSING_MODE_OFFLOAD)
          .setDeadlineS(deadlineSeconds)
          .setTimeScaleFactor(props.timeScaleFactor())));
    }
    long wallBudgetNanos = wallBudgetNanos(deadlineSeconds);
    Map<Modality, Map<String, float[]>> features = new EnumMap<>(Modality.class);
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
      double deviceBits = n * v.sensingRateBps() * ts;
      double deviceSensing = n * ts;
      double deviceEnergy = a.energyJ() + props.sensingPowerW() * deviceSensing;
      sensing = Math.max(sensing, deviceSensing);
      comm = Math.max(comm, a.latencySeconds());
      energy += deviceEnergy;
      bits += deviceBits;
      String outcome;
      int delivered = 0;
      double reportedEnergy = 0;
      try {
        long left = Math.max(0, wallBudgetNanos - (nanos.getAsLong() - start));
        SenseResult r = futures.get(i).get(left, TimeUnit.NANOSECONDS);
        reportedEnergy = Double.isFinite(r.getEnergyJ()) ? r.getEnergyJ() : 0;
        Map<String, float[]> got = accept(m, r, wanted.get(m));
        delivered = got.size();
        features.computeIfAbsent(m, k -> new HashMap<>()).putAll(got);
        outcome = r.getStatus() == SenseStatus.SENSE_STATUS_OK && delivered == n
            ? "OK" : r.getStatus().name().replace("SENSE_STATUS_", "") + (r.getErrorMessage().isEmpty() ? "" : ": " + r.getErrorMessage());
        if (delivered < n) {
          problems.add("device " + v.deviceId() + " delivered " + delivered + "/" + n + " samples (" + outcome + ")");
        }
      } catch (TimeoutException e) {
        futures.get(i).cancel(false);
        outcome = "TIMEOUT";
        problems.add("device " + v.deviceId() + " missed the deadline");
      } catch (ExecutionException e) {
        outcome = (e.getCause() instanceof SessionLostException ? "LOST: " : "ERROR: ") + e.getCause().getMessage();
        problems.add("device " + v.deviceId() + " " + outcome);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = "INTERRUPTED";
        problems.add("interrupted while waiting for " + v.deviceId());
      }
      rounds.add(new TaskResult.DeviceRound(round, v.deviceId(), m, n, a.units(),
          ledger.spectrum().bandwidthHz(a.units()), a.rateBps(), ProcessingMode.OFFLOAD, deviceBits,
          deviceSensing + a.latencySeconds(), deviceEnergy, delivered, outcome, reportedEnergy));
    }
    double wall = (nanos.getAsLong() - start) / 1e9;
    return new Round(features, rounds, sensing, comm, energy, bits, wall, problems);
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
