package io.isacemu.scenario.model;

import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * Key {@code devices.<modality>} ({@code video}, {@code audio}, {@code text}): the devices sensing one
 * modality, all alike. Device {@code i} (0-based) starts at {@code distanceM} from the BS, bearing
 * {@code angleDeg + 360 i / count}: one device sits where today's demo puts it, more spread evenly
 * on the same circle.
 *
 * @param count devices, in [1, 64]; default 1 (DemoLauncher starts one per modality)
 * @param sensingRateBps {@code m_k}, bit/s, in (0, 1e10]; default video 4e6, audio 128e3, text 100
 *     (DemoLauncher.DEVICES)
 * @param txPowerDbm {@code P_k}, dBm, in [−50, 40]; default 23 (NR power class 3; DemoLauncher)
 * @param processor keys {@code cpuHz} (Hz, in (0, 1e10], default 1e9), {@code flopsPerCycle} (in
 *     (0, 1024], default 8) and {@code kappa} (J·s²/cycle³, in (0, 1e-20], default 1e-28), flat in
 *     the group (DemoLauncher; κ {@link DeviceProcessor#REFERENCE_KAPPA})
 * @param distanceM start distance from the BS, m, in [0, 5000] and ≤ {@code cell.radiusM}; default
 *     video 50, audio 80, text 84.85 (DemoLauncher positions (50, 0), (0, 80), (−60, −60))
 * @param angleDeg start bearing, degrees from the x axis, in [−360, 360]; default video 0, audio 90,
 *     text 225 (same positions)
 * @param mobility key {@code mobility}; default random waypoint 0.5–1.5 m/s, 1 s pause (DemoLauncher)
 */
public record DeviceGroup(
    int count, double sensingRateBps, double txPowerDbm, DeviceProcessor processor, double distanceM,
    double angleDeg, MobilitySpec mobility) {

  public DeviceGroup {
    Limits.DEVICE_COUNT.check("count", count);
    Limits.SENSING_RATE_BPS.check("sensingRateBps", sensingRateBps);
    Limits.TX_POWER_DBM.check("txPowerDbm", txPowerDbm);
    Check.present("processor", processor);
    Limits.DISTANCE_M.check("distanceM", distanceM);
    Limits.ANGLE_DEG.check("angleDeg", angleDeg);
    Check.present("mobility", mobility);
  }

  /** Today's demo device of {@code m} (DemoLauncher.DEVICES and deviceArgs). */
  public static DeviceGroup defaults(Modality m) {
    DeviceProcessor cpu = new DeviceProcessor(1e9, 8, DeviceProcessor.REFERENCE_KAPPA);
    MobilitySpec walk = MobilitySpec.RandomWaypoint.DEFAULTS;
    return switch (m) {
      case VIDEO -> new DeviceGroup(1, 4e6, 23, cpu, 50, 0, walk);
      case AUDIO -> new DeviceGroup(1, 128e3, 23, cpu, 80, 90, walk);
      case TEXT -> new DeviceGroup(1, 100, 23, cpu, Math.hypot(60, 60), 225, walk);
    };
  }

  /** Start positions of the {@code count} devices, BS at the origin, m. */
  public List<Position> startPositions() {
    List<Position> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double rad = Math.toRadians(angleDeg + 360.0 * i / count);
      out.add(new Position(distanceM * Math.cos(rad), distanceM * Math.sin(rad)));
    }
    return out;
  }
}
