package io.isacemu.scenario.load;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.modality.Modality;
import io.isacemu.scenario.model.CellSpec;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.Limits;
import io.isacemu.scenario.model.MobilitySpec;
import io.isacemu.scenario.model.Wire;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sections {@code cell}, {@code mec} and {@code devices}. On a problem a section takes its default, so reading goes on. */
final class NetworkReader {

  private NetworkReader() {}

  static CellSpec cell(MapNode n) {
    CellSpec d = CellSpec.DEFAULTS;
    double b = n.number("bandwidthHz", d.bandwidthHz(), Limits.BANDWIDTH_HZ);
    double u = n.number("unitBandwidthHz", d.unitBandwidthHz(), Limits.UNIT_BANDWIDTH_HZ);
    int m = n.integer("bsAntennas", d.bsAntennas(), Limits.BS_ANTENNAS);
    double r = n.number("radiusM", d.radiusM(), Limits.RADIUS_M);
    double nf = n.number("noiseFigureDb", d.noiseFigureDb(), Limits.NOISE_FIGURE_DB);
    ChannelConfig pl = pathLoss(n.child("pathLoss"), d.pathLoss());
    n.finish();
    return Build.of(n, () -> new CellSpec(b, u, m, r, nf, pl)).orElse(d);
  }

  private static ChannelConfig pathLoss(MapNode n, ChannelConfig d) {
    double fc = n.number("carrierFrequencyHz", d.carrierFrequencyHz(), Limits.CARRIER_HZ);
    double hBs = n.number("bsHeightM", d.bsHeightM(), Limits.BS_HEIGHT_M);
    double hUe = n.number("ueHeightM", d.ueHeightM(), Limits.UE_HEIGHT_M);
    double k = n.number("ricianKFactorDb", d.ricianKFactorDb(), Limits.RICIAN_K_DB);
    boolean shadowing = n.bool("shadowing", d.shadowingEnabled());
    boolean fading = n.bool("fading", d.fadingEnabled());
    double los = n.number("shadowingDecorrelationLosM", d.shadowingDecorrelationLosM(), Limits.DECORRELATION_M);
    double nlos = n.number("shadowingDecorrelationNlosM", d.shadowingDecorrelationNlosM(), Limits.DECORRELATION_M);
    double corr = n.number("losCorrelationDistanceM", d.losCorrelationDistanceM(), Limits.LOS_CORRELATION_M);
    n.finish();
    return Build.of(n, () -> new ChannelConfig(fc, hBs, hUe, k, shadowing, fading, los, nlos, corr)).orElse(d);
  }

  static MecServer mec(MapNode n) {
    MecServer d = MecServer.reference();
    double cpu = n.number("cpuHz", d.cpuHz(), Limits.MEC_CPU_HZ);
    double fpc = n.number("flopsPerCycle", d.flopsPerCycle(), Limits.FLOPS_PER_CYCLE);
    n.finish();
    return Build.of(n, () -> new MecServer(cpu, fpc)).orElse(d);
  }

  static Map<Modality, DeviceGroup> devices(MapNode n) {
    Map<Modality, DeviceGroup> out = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      out.put(m, group(n.child(Wire.name(m)), DeviceGroup.defaults(m)));
    }
    n.finish();
    return out;
  }

  private static DeviceGroup group(MapNode n, DeviceGroup d) {
    int count = n.integer("count", d.count(), Limits.DEVICE_COUNT);
    double rate = n.number("sensingRateBps", d.sensingRateBps(), Limits.SENSING_RATE_BPS);
    double power = n.number("txPowerDbm", d.txPowerDbm(), Limits.TX_POWER_DBM);
    double cpu = n.number("cpuHz", d.processor().cpuHz(), Limits.DEVICE_CPU_HZ);
    double fpc = n.number("flopsPerCycle", d.processor().flopsPerCycle(), Limits.FLOPS_PER_CYCLE);
    double kappa = n.number("kappa", d.processor().kappa(), Limits.KAPPA);
    double dist = n.number("distanceM", d.distanceM(), Limits.DISTANCE_M);
    double angle = n.number("angleDeg", d.angleDeg(), Limits.ANGLE_DEG);
    MobilitySpec mobility = mobility(n.child("mobility"), d.mobility());
    n.finish();
    return Build.of(n, () -> new DeviceGroup(count, rate, power, new DeviceProcessor(cpu, fpc, kappa), dist, angle,
        mobility)).orElse(d);
  }

  private static MobilitySpec mobility(MapNode n, MobilitySpec d) {
    String type = n.choice("type", d.type(), List.of("static", "random-waypoint"));
    if (type.equals("static")) {
      n.finish(LearningReader.only(List.of("minSpeedMps", "maxSpeedMps", "pauseSeconds"), "type: random-waypoint"));
      return new MobilitySpec.Static();
    }
    MobilitySpec.RandomWaypoint w = d instanceof MobilitySpec.RandomWaypoint rw ? rw
        : MobilitySpec.RandomWaypoint.DEFAULTS;
    double min = n.number("minSpeedMps", w.minSpeedMps(), Limits.SPEED_MPS);
    double max = n.number("maxSpeedMps", w.maxSpeedMps(), Limits.SPEED_MPS);
    double pause = n.number("pauseSeconds", w.pauseSeconds(), Limits.PAUSE_S);
    n.finish();
    return Build.of(n, () -> (MobilitySpec) new MobilitySpec.RandomWaypoint(min, max, pause)).orElse(w);
  }
}
