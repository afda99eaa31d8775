package io.isacemu.scenario.model;

import io.isacemu.core.compute.MecServer;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.scenario.error.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;

/**
 * A resolved scenario file: every key has a value (the file's, or today's demo default).
 *
 * @param cell section {@code cell}
 * @param mec section {@code mec}: {@code cpuHz} (aggregate Hz, in (0, 1e12], default 20e9) and
 *     {@code flopsPerCycle} (in (0, 1024], default 16) — {@code isac.bs.mec.*}, {@link
 *     MecServer#reference()}
 * @param devices section {@code devices}: one group per modality, every modality present (an omitted
 *     one takes {@link DeviceGroup#defaults})
 * @param dataset section {@code dataset}
 * @param training section {@code training}
 * @param serving section {@code serving}
 * @param replications runs of each sweep point, seeds {@code seed}, {@code seed + 1}, …; in [1, 1000];
 *     default 1
 * @param seed platform seed (channels, mobility), any integer; default 42 ({@code
 *     isac.device.platform-seed})
 * @param sweep section {@code sweep}; {@link SweepSpec#NONE} in a resolved sweep point
 */
public record Scenario(
    CellSpec cell, MecServer mec, Map<Modality, DeviceGroup> devices, DatasetSpec dataset, TrainingSpec training,
    ServingSpec serving, int replications, long seed, SweepSpec sweep) {

  /** Today's demo ({@code ./run.sh} with its default options). */
  public static final Scenario DEFAULTS = new Scenario(CellSpec.DEFAULTS, MecServer.reference(), defaultDevices(),
      DatasetSpec.Synthetic.DEFAULTS, TrainingSpec.DEFAULTS, ServingSpec.DEFAULTS, 1, 42, SweepSpec.NONE);

  public Scenario {
    Check.present("cell", cell);
    Check.present("mec", mec);
    Map<Modality, DeviceGroup> copy = new EnumMap<>(Modality.class);
    copy.putAll(Check.present("devices", devices));
    for (Modality m : Modality.values()) {
      if (!copy.containsKey(m)) {
        throw new InvalidFieldException("devices." + Wire.name(m), null, "is required");
      }
    }
    devices = Collections.unmodifiableMap(copy);
    Check.present("dataset", dataset);
    Check.present("training", training);
    Check.present("serving", serving);
    Limits.REPLICATIONS.check("replications", replications);
    Check.present("sweep", sweep);
    for (Problem p : crossProblems(cell, devices, dataset, training, serving)) {
      throw new InvalidFieldException(p.keyPath(), p.value(), p.message());
    }
  }

  /**
   * The rules that span sections, each a problem at the key that breaks it: a device farther than
   * {@code cell.radiusM}, more {@code serving.samplesPerPoint} than the synthetic test split holds, a
   * {@code fixed:} mode whose expert is not trained.
   */
  public static List<Problem> crossProblems(CellSpec cell, Map<Modality, DeviceGroup> devices, DatasetSpec dataset,
      TrainingSpec training, ServingSpec serving) {
    List<Problem> out = new ArrayList<>();
    devices.forEach((m, g) -> {
      if (g.distanceM() > cell.radiusM()) {
        out.add(new Problem("devices." + Wire.name(m) + ".distanceM", Range.show(g.distanceM()),
            Range.show(g.distanceM()) + " must be <= cell.radiusM " + Range.show(cell.radiusM())));
      }
    });
    dataset.testSize().ifPresent(n -> {
      if (serving.samplesPerPoint() > n) {
        out.add(new Problem("serving.samplesPerPoint", Integer.toString(serving.samplesPerPoint()),
            serving.samplesPerPoint() + " must be <= dataset.testSize " + n));
      }
    });
    for (int j = 0; j < serving.modes().size(); j++) {
      int i = j;
      String mode = serving.modes().get(i);
      ServingSpec.fixedExpert(mode).filter(e -> !training.experts().contains(e)).ifPresent(e -> out.add(
          new Problem("serving.modes[" + i + "]", mode,
              "'" + mode + "' needs expert " + e + ", not one of training.experts " + training.experts())));
    }
    return out;
  }

  private static Map<Modality, DeviceGroup> defaultDevices() {
    Map<Modality, DeviceGroup> m = new EnumMap<>(Modality.class);
    for (Modality x : Modality.values()) {
      m.put(x, DeviceGroup.defaults(x));
    }
    return m;
  }

  /** This scenario with another sweep (a resolved point has none). */
  public Scenario withSweep(SweepSpec s) {
    return new Scenario(cell, mec, devices, dataset, training, serving, replications, seed, s);
  }
}
