package io.isacemu.core.cost;

import io.isacemu.core.compute.MecServer;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.scheduler.DeviceAllocation;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.OptimalScheduler;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.scheduler.Schedule;
import io.isacemu.core.scheduler.SchedulingProblem;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.AirTime;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.validation.Check;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cost of serving one sample with an expert — the {@code C(E_i)} used by the training loss and
 * reported by the BS. Composes eqs. (1) sensing, (5) uplink rate, (6) air time and the computation
 * model; see {@link ExpertCost} for the formulas.
 *
 * <p>Every contributing device senses for the same {@code T^s} in parallel; each device's path then
 * runs independently (MEC encoders of different streams run in parallel); the fusion head runs at
 * the MEC once the slowest path has delivered.
 */
public final class CostModel {

  private final UplinkModel uplink;
  private final MecServer mec;
  private final double sensingSeconds;
  private final Map<Modality, ModalityWorkload> workloads;
  private final boolean localProcessing;

  /**
   * @param uplink the uplink model (band, noise, BS antennas)
   * @param mec the MEC server
   * @param sensingSeconds {@code T^s}, s, > 0
   * @param workloads per modality, encoder FLOPs and result bits; one per modality used
   */
  public CostModel(UplinkModel uplink, MecServer mec, double sensingSeconds, List<ModalityWorkload> workloads) {
    this(uplink, mec, sensingSeconds, workloads, true);
  }

  /**
   * @param localProcessing whether devices may encode locally; {@code false} offers the scheduler
   *     only the offload path (e.g. while devices run no encoder)
   */
  public CostModel(UplinkModel uplink, MecServer mec, double sensingSeconds, List<ModalityWorkload> workloads,
      boolean localProcessing) {
    this.localProcessing = localProcessing;
    this.uplink = Check.present("uplink", uplink);
    this.mec = Check.present("mec", mec);
    this.sensingSeconds = Check.positive("sensingSeconds", sensingSeconds);
    Check.present("workloads", workloads);
    Map<Modality, ModalityWorkload> byModality = new EnumMap<>(Modality.class);
    for (ModalityWorkload w : workloads) {
      if (byModality.put(w.modality(), w) != null) {
        throw new IllegalArgumentException("workloads: duplicate modality " + w.modality());
      }
    }
    this.workloads = byModality;
  }

  /** The uplink model. */
  public UplinkModel uplink() {
    return uplink;
  }

  /** The MEC server. */
  public MecServer mec() {
    return mec;
  }

  /** {@code T^s}, s. */
  public double sensingSeconds() {
    return sensingSeconds;
  }

  /** The workload of modality {@code m}; error naming it when not configured. */
  public ModalityWorkload workload(Modality m) {
    ModalityWorkload w = workloads.get(m);
    if (w == null) {
      throw new IllegalArgumentException("modality: no workload configured for " + m);
    }
    return w;
  }

  /** Raw data sensed in {@code T^s}: eq. (1) {@code n_k = m_k T^s}, bits. */
  public double rawBits(DeviceProfile device) {
    return device.sensingRateBps() * sensingSeconds;
  }

  /** The cost of one device's path under {@code plan}. */
  public DevicePathCost path(DeviceProfile device, DevicePlan plan) {
    ModalityWorkload w = workload(device.modality());
    double rate = uplink.rateBps(device.txPowerDbm(), device.channelGainLinear(), plan.units());
    boolean local = plan.mode() == ProcessingMode.LOCAL;
    double bits = local ? w.resultBits() : rawBits(device);
    double comm = AirTime.commSeconds(bits, rate);
    double localSeconds = local ? device.processor().seconds(w.encoderFlops()) : 0.0;
    double localEnergy = local ? device.processor().energyJ(w.encoderFlops()) : 0.0;
    double mecSeconds = local ? 0.0 : mec.seconds(w.encoderFlops());
    double txEnergy = AirTime.transmitEnergyJ(Units.dbmToWatts(device.txPowerDbm()), comm);
    return new DevicePathCost(
        device.deviceId(), device.modality(), plan.units(), plan.mode(), rate, bits, comm,
        localSeconds, mecSeconds, txEnergy, localEnergy, device.sensingPowerW() * sensingSeconds);
  }

  /**
   * The cost of {@code expert} when each of its modalities is served by {@code devices.get(m)} under
   * {@code plans.get(m)}.
   *
   * @throws IllegalArgumentException naming the modality when a device or plan is missing for it
   */
  public ExpertCost cost(ExpertSpec expert, Map<Modality, DeviceProfile> devices, Map<Modality, DevicePlan> plans) {
    List<DevicePathCost> paths = new ArrayList<>();
    DevicePathCost critical = null;
    double energy = 0;
    double bits = 0;
    double flops = expert.headFlops();
    for (Modality m : expert.modalities().modalities()) {
      DeviceProfile d = devices.get(m);
      if (d == null) {
        throw new IllegalArgumentException("devices: expert " + expert.name() + " needs a " + m + " device, none given");
      }
      if (d.modality() != m) {
        throw new IllegalArgumentException(
            "devices[" + m + "]: device " + d.deviceId() + " senses " + d.modality() + ", not " + m);
      }
      DevicePlan p = plans.get(m);
      if (p == null) {
        throw new IllegalArgumentException("plans: expert " + expert.name() + " has no plan for " + m);
      }
      DevicePathCost c = path(d, p);
      paths.add(c);
      energy += c.energyJ();
      bits += c.bitsSent();
      flops += workload(m).encoderFlops();
      if (critical == null || c.pathSeconds() > critical.pathSeconds()) {
        critical = c;
      }
    }
    double head = mec.seconds(expert.headFlops());
    double comm = critical.commSeconds();
    double compute = critical.localComputeSeconds() + critical.mecEncodeSeconds() + head;
    return new ExpertCost(expert.name(), expert.modalities(), sensingSeconds, comm, compute,
        sensingSeconds + comm + compute, energy, bits, flops, paths);
  }

  /**
   * The scheduler's view of {@code device}: eq. (5) with its one-unit SNR, its transmit power and its
   * paths — offload (raw {@code n_k} bits, then MEC encoding) and, when local processing is allowed,
   * local (encoder cycles on its CPU, then the result bits).
   */
  public DeviceDemand demand(DeviceProfile device) {
    ModalityWorkload w = workload(device.modality());
    double snr1 = uplink.snrPerUnitLinear(device.txPowerDbm(), device.channelGainLinear());
    PathOption offload = PathOption.offload(rawBits(device), mec.seconds(w.encoderFlops()));
    List<PathOption> options = localProcessing
        ? List.of(offload, PathOption.local(device.processor().cycles(w.encoderFlops()), device.processor().cpuHz(),
            device.processor().kappa(), w.resultBits()))
        : List.of(offload);
    return DeviceDemand.powerLimited(device.deviceId(), snr1, Units.dbmToWatts(device.txPowerDbm()), options);
  }

  /**
   * The cost of {@code expert} when the optimal min-latency scheduler splits {@code units} units among
   * its devices and picks local or offload for each; empty when the units cannot serve every device
   * (fewer units than devices).
   *
   * @param units the units available to this expert's devices, in {@code [1, U]}
   */
  public Optional<ExpertCost> optimalCost(ExpertSpec expert, Map<Modality, DeviceProfile> devices, int units) {
    Check.inRange("units", units, 1, uplink.spectrum().totalUnits());
    List<DeviceDemand> demands = new ArrayList<>();
    for (Modality m : expert.modalities().modalities()) {
      DeviceProfile d = devices.get(m);
      if (d == null) {
        throw new IllegalArgumentException("devices: expert " + expert.name() + " needs a " + m + " device, none given");
      }
      demands.add(demand(d));
    }
    Schedule s = new OptimalScheduler().minimizeLatency(
        new SchedulingProblem(uplink.spectrum().unitBandwidthHz(), units, demands));
    if (!(s instanceof Schedule.Feasible f)) {
      return Optional.empty();
    }
    Map<Modality, DevicePlan> plans = new EnumMap<>(Modality.class);
    List<Modality> order = expert.modalities().modalities();
    for (int i = 0; i < order.size(); i++) {
      DeviceAllocation a = f.allocations().get(i);
      plans.put(order.get(i), new DevicePlan(a.units(), a.mode()));
    }
    return Optional.of(cost(expert, devices, plans));
  }

  /**
   * {@code C(E_i)} for every expert, each scheduled alone on {@code units} units (the per-sample cost
   * the gate's loss uses). Experts that cannot be served are rejected with their name.
   */
  public CostTable costTable(List<ExpertSpec> experts, Map<Modality, DeviceProfile> devices, int units) {
    List<ExpertCost> costs = new ArrayList<>();
    for (ExpertSpec e : experts) {
      costs.add(optimalCost(e, devices, units).orElseThrow(() -> new IllegalArgumentException(
          "units: " + units + " cannot serve the " + e.modalities().size() + " devices of expert " + e.name())));
    }
    return CostTable.of(costs);
  }
}
