package io.isacemu.demo;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.mobility.Position;
import io.isacemu.data.DatasetSettings;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.MobilitySpec;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one mapping from a scenario's base values to the services' start-up settings ({@code
 * isac.bs.*}, {@code isac.device.*}): the cell, the MEC, the devices (one device-service per
 * modality holding {@code count} devices), the dataset, the serving settings that are start-up
 * settings (time scale, sensing time, processing, default deadline) and the platform seed.
 */
final class ScenarioPlatform {

  private ScenarioPlatform() {}

  static PlatformConfig of(Scenario s) {
    List<String> bs = new ArrayList<>();
    var c = s.cell();
    bs.add(kv("--isac.bs.radio.total-bandwidth-hz", c.bandwidthHz()));
    bs.add(kv("--isac.bs.radio.unit-bandwidth-hz", c.unitBandwidthHz()));
    bs.add(kv("--isac.bs.radio.noise-figure-db", c.noiseFigureDb()));
    bs.add("--isac.bs.radio.bs-antennas=" + c.bsAntennas());
    bs.add(kv("--isac.bs.mec.cpu-hz", s.mec().cpuHz()));
    bs.add(kv("--isac.bs.mec.flops-per-cycle", s.mec().flopsPerCycle()));
    bs.add(kv("--isac.bs.plausibility.cell-radius-m", c.radiusM()));
    var sv = s.serving();
    bs.add(kv("--isac.bs.time-scale-factor", sv.timeScale()));
    bs.add(kv("--isac.bs.sensing-seconds", sv.sensingSeconds()));
    bs.add(kv("--isac.bs.default-deadline-seconds", sv.deadlineSeconds()));
    bs.add("--isac.bs.processing=" + Wire.name(sv.processing()));
    List<String> dev = new ArrayList<>();
    dev.add(kv("--isac.device.radio.unit-bandwidth-hz", c.unitBandwidthHz()));
    dev.add(kv("--isac.device.radio.noise-figure-db", c.noiseFigureDb()));
    dev.add("--isac.device.radio.bs-antennas=" + c.bsAntennas());
    dev.add("--isac.device.radio.shadowing=" + c.pathLoss().shadowingEnabled());
    dev.add("--isac.device.radio.fading=" + c.pathLoss().fadingEnabled());
    dev.add("--isac.device.platform-seed=" + s.seed());
    bs.add("--isac.bs.emulation.seed=" + s.seed()); // the BS reports and resets with the devices' seed
    DatasetSettings d = s.dataset().settings();
    for (String[] kv : dataset(d)) {
      bs.add("--isac.bs.dataset." + kv[0] + "=" + kv[1]);
      dev.add("--isac.device.dataset." + kv[0] + "=" + kv[1]);
    }
    List<PlatformConfig.DeviceJvm> jvms = new ArrayList<>();
    for (Modality m : Modality.values()) {
      DeviceGroup g = s.devices().get(m);
      String name = Wire.name(m);
      List<PlatformConfig.Device> devices = new ArrayList<>();
      List<Position> at = g.startPositions();
      for (int i = 0; i < g.count(); i++) {
        devices.add(new PlatformConfig.Device(name + "-" + i, props(name, g, at.get(i), c.radiusM())));
      }
      jvms.add(new PlatformConfig.DeviceJvm("device-service-" + name, devices));
    }
    return new PlatformConfig(bs, dev, jvms);
  }

  private static List<String> props(String modality, DeviceGroup g, Position p, double radiusM) {
    List<String> out = new ArrayList<>(List.of("modality=" + modality, kv("sensing-rate-bps", g.sensingRateBps()),
        kv("tx-power-dbm", g.txPowerDbm()), kv("cpu-hz", g.processor().cpuHz()),
        kv("flops-per-cycle", g.processor().flopsPerCycle()), kv("kappa", g.processor().kappa()), kv("x-m", p.xM()), kv("y-m", p.yM()),
        "mobility.type=" + g.mobility().type(), kv("mobility.cell-radius-m", radiusM)));
    if (g.mobility() instanceof MobilitySpec.RandomWaypoint w) {
      out.add(kv("mobility.min-speed-mps", w.minSpeedMps()));
      out.add(kv("mobility.max-speed-mps", w.maxSpeedMps()));
      out.add(kv("mobility.pause-s", w.pauseSeconds()));
    }
    return out;
  }

  /** The synthetic dataset's keys (same on the BS and the devices). */
  private static List<String[]> dataset(DatasetSettings d) {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"source", d.source()});
    add(out, "seed", d.seed());
    add(out, "train-size", d.trainSize());
    add(out, "valid-size", d.validSize());
    add(out, "test-size", d.testSize());
    add(out, "sequence-length", d.sequenceLength());
    add(out, "text-only-share", d.textOnlyShare());
    add(out, "av-only-share", d.avOnlyShare());
    add(out, "misleading-text-share", d.misleadingTextShare());
    add(out, "feature-noise", d.featureNoise());
    add(out, "label-noise", d.labelNoise());
    return out;
  }

  private static void add(List<String[]> out, String key, Object v) {
    if (v != null) {
      out.add(new String[] {key, v instanceof Double x ? num(x) : v.toString()});
    }
  }

  private static String kv(String key, double v) {
    return key + "=" + num(v);
  }

  /** Exact, locale-free: Double.toString round-trips. */
  private static String num(double v) {
    return String.format(Locale.ROOT, "%s", Double.toString(v));
  }
}
