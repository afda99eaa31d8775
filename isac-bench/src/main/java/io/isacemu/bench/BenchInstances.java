package io.isacemu.bench;

import io.isacemu.core.compute.ProcessingMode;

import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.PathOption;

import io.isacemu.core.scheduler.SchedulingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random scheduling instances: B_min = 180 kHz (one LTE/NR resource block), eq. (5) rates
 * {@code R(b) = b B_min log2(1 + γ_1/b)} with γ_1 in [−10, 40] dB, P 0.05–1 W; a third of the devices can only offload (0.1–5 Mbit raw, 0–0.2 s MEC), a
 * third only encode locally (0.05–1 s, 0–2 J, 1–500 kbit result), a third choose.
 */
final class BenchInstances {

  private BenchInstances() {}

  static SchedulingProblem problem(long seed, int k, int u) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<DeviceDemand> devices = new ArrayList<>(k);
    for (int d = 0; d < k; d++) {
      int shape = rnd.nextInt(3);
      PathOption off = new PathOption(ProcessingMode.OFFLOAD, rnd.nextDouble(0, 0.2), rnd.nextDouble(1e5, 5e6), 0.0);
      PathOption loc = new PathOption(ProcessingMode.LOCAL, rnd.nextDouble(0.05, 1.0), rnd.nextDouble(1e3, 5e5), rnd.nextDouble(0, 2));
      List<PathOption> options = shape == 0 ? List.of(off) : shape == 1 ? List.of(loc) : List.of(off, loc);
      double power = rnd.nextDouble(0.05, 1);
      // eq. (5), the platform's rate model: one-unit SNR γ_1 log-uniform in [−10, 40] dB
      devices.add(DeviceDemand.powerLimited("dev-" + d, Math.pow(10, rnd.nextDouble(-1, 4)), power, options));
    }
    return new SchedulingProblem(180e3, u, devices);
  }
}
