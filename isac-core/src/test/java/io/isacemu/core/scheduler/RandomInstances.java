package io.isacemu.core.scheduler;

import io.isacemu.core.compute.ProcessingMode;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Seeded random scheduling instances for the cross-checks. */
final class RandomInstances {

  private RandomInstances() {}

  /**
   * K devices, U units; continuous random data (half the devices power-limited per eq. (5) with
   * γ_1 in [−10, 40] dB, the others η 0.5–8 bit/s/Hz, P 0.05–1 W, raw 0.1–5 Mbit,
   * result 1–500 kbit, local 0.05–1 s / 0–2 J). With {@code ties} the data come from small
   * discrete sets (identical devices, zero power, dyadic energies) so many optima tie.
   */
  static SchedulingProblem problem(RandomGenerator rnd, int k, int u, boolean ties) {
    List<DeviceDemand> devices = new ArrayList<>();
    for (int d = 0; d < k; d++) {
      List<PathOption> options = new ArrayList<>();
      int shape = rnd.nextInt(3); // 0: offload only, 1: local only, 2: both
      PathOption off;
      PathOption loc;
      double eta;
      double power;
      if (ties) {
        off = new PathOption(ProcessingMode.OFFLOAD, 0.125 * rnd.nextInt(3), 1e6 * (1 + rnd.nextInt(3)), 0.0);
        loc = new PathOption(ProcessingMode.LOCAL, 0.25 * (1 + rnd.nextInt(3)), 1.25e5 * rnd.nextInt(3), 0.25 * rnd.nextInt(4));
        eta = 1 + rnd.nextInt(2);
        power = rnd.nextInt(3) == 0 ? 0.0 : 0.5;
      } else {
        off = new PathOption(ProcessingMode.OFFLOAD, rnd.nextDouble(0, 0.2), rnd.nextDouble(1e5, 5e6), 0.0);
        loc = new PathOption(ProcessingMode.LOCAL, rnd.nextDouble(0.05, 1.0), rnd.nextDouble(1e3, 5e5), rnd.nextDouble(0, 2));
        eta = rnd.nextDouble(0.5, 8);
        power = rnd.nextDouble(0.05, 1);
      }
      if (shape != 1) {
        options.add(off);
      }
      if (shape != 0) {
        options.add(loc);
      }
      if (shape == 2 && rnd.nextBoolean()) {
        options = List.of(options.get(1), options.get(0));
      }
      if (!ties && rnd.nextBoolean()) {
        // eq. (5) with noise over the allocated band: one-unit SNR γ_1 log-uniform in [−10, 40] dB
        devices.add(DeviceDemand.powerLimited("dev-" + d, Math.pow(10, rnd.nextDouble(-1, 4)), power, options));
      } else {
        devices.add(new DeviceDemand("dev-" + d, eta, power, options));
      }
    }
    return new SchedulingProblem(ties ? 1e6 : rnd.nextDouble(1e5, 1e6), u, devices);
  }

  /** Deadline log-uniform in [0.05, 10] s: a mix of infeasible, tight and loose. */
  static double deadline(RandomGenerator rnd) {
    return 0.05 * Math.pow(200, rnd.nextDouble());
  }
}
