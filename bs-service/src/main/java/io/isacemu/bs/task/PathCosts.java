package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.sensing.SensingWindow;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.AirTime;
import java.util.List;
import java.util.Optional;

/**
 * The processing paths of {@code n} samples of one device, and the modelled device-side cost of the
 * one taken, from the isac-core models: eq. (1) raw bits, eq. (6) air time and transmit energy, and
 * the LOCAL compute model ({@code cycles = n·FLOPs_enc / FLOPs-per-cycle_k}, {@code T = cycles/f_k},
 * {@code E = κ f_k² cycles}, κ = {@link DeviceProcessor#REFERENCE_KAPPA}).
 */
final class PathCosts {

  private static final int BITS_PER_FLOAT = 32;

  private final BsProperties props;
  private final MecServer mec;

  PathCosts(BsProperties props, MecServer mec) {
    this.props = props;
    this.mec = mec;
  }

  /**
   * The modelled cost of one device's part of a round.
   *
   * @param bits bits uploaded
   * @param sensingSeconds {@code n·T^s}, s
   * @param computeSeconds on-device encoding (LOCAL only), s
   * @param uploadSeconds eq. (6) {@code bits / R_k}, s
   * @param energyJ device energy: LOCAL compute + {@code P_k·T^comm} + sensing power · sensing time, J
   */
  record DeviceCost(double bits, double sensingSeconds, double computeSeconds, double uploadSeconds, double energyJ) {

    /** Sensing, then encoding, then upload, s. */
    double pathSeconds() {
      return sensingSeconds + computeSeconds + uploadSeconds;
    }
  }

  /** {@code T^s} of one sample, s. */
  double sensingSeconds() {
    return props.sensingSeconds();
  }

  /**
   * The paths offered to the scheduler: OFFLOAD (raw upload, then MEC encoding when the encoder is
   * known), and LOCAL when {@code local} is present and {@code isac.bs.processing} is not {@code
   * offload}; with {@code local} processing only the LOCAL path.
   */
  List<PathOption> options(DeviceView v, int n, Optional<Fetcher.LocalOption> local) {
    double rawBits = rawBits(v, n);
    if (local.isEmpty() || props.processing() == BsProperties.Processing.OFFLOAD) {
      return List.of(PathOption.offload(rawBits, 0.0));
    }
    PathOption onDevice = localPath(v, n, local.get());
    if (props.processing() == BsProperties.Processing.LOCAL) {
      return List.of(onDevice);
    }
    return List.of(PathOption.offload(rawBits, mec.seconds((double) n * local.get().encoderFlops())), onDevice);
  }

  /** The device-side cost of the path {@code mode} at {@code rateBps} (> 0); LOCAL needs {@code local}. */
  DeviceCost cost(DeviceView v, int n, ProcessingMode mode, Optional<Fetcher.LocalOption> local, double rateBps) {
    double sensing = n * props.sensingSeconds();
    double sensingEnergy = props.sensingPowerW() * sensing;
    if (mode == ProcessingMode.LOCAL) {
      PathOption p = localPath(v, n, local.orElseThrow());
      double upload = AirTime.commSeconds(p.bits(), rateBps);
      return new DeviceCost(p.bits(), sensing, p.fixedSeconds(), upload,
          p.fixedEnergyJ() + AirTime.transmitEnergyJ(Units.dbmToWatts(v.txPowerDbm()), upload) + sensingEnergy);
    }
    double bits = rawBits(v, n);
    double upload = AirTime.commSeconds(bits, rateBps);
    return new DeviceCost(bits, sensing, 0, upload,
        AirTime.transmitEnergyJ(Units.dbmToWatts(v.txPowerDbm()), upload) + sensingEnergy);
  }

  /**
   * Raw bits of {@code n} samples: eq. (1) {@code m_k T^s} per sample, each sample its own sensing
   * window (the device reports the same, from the same {@link SensingWindow}).
   */
  private double rawBits(DeviceView v, int n) {
    return n * SensingWindow.selected(v.sensingRateBps(), props.sensingSeconds()).dataBits();
  }

  private static PathOption localPath(DeviceView v, int n, Fetcher.LocalOption l) {
    double flops = (double) n * l.encoderFlops();
    return PathOption.local(flops / v.flopsPerCycle(), v.cpuHz(), DeviceProcessor.REFERENCE_KAPPA,
        (double) n * BITS_PER_FLOAT * l.encodedWidth());
  }
}
