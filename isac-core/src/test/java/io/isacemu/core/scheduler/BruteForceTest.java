package io.isacemu.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against exhaustive enumeration on tiny instances: identical objective (both sum
 * and max in device order with the model's own functions, so bit-exact) and identical unit count
 * (the fewest-units tie-break).
 */
class BruteForceTest {

  private final OptimalScheduler scheduler = new OptimalScheduler();

  @Test
  void minLatencyEqualsEnumerationIncludingFewestUnits() {
    SplittableRandom rnd = new SplittableRandom(5L);
    for (int n = 0; n < 3000; n++) {
      int k = 1 + rnd.nextInt(4);
      int u = 1 + rnd.nextInt(8);
      SchedulingProblem p = RandomInstances.problem(rnd, k, u, n % 2 == 0);
      assertSame(n, BruteForce.minLatency(p), scheduler.minimizeLatency(p));
    }
  }

  @Test
  void minEnergyEqualsEnumerationIncludingFewestUnits() {
    SplittableRandom rnd = new SplittableRandom(6L);
    for (int n = 0; n < 3000; n++) {
      int k = 1 + rnd.nextInt(4);
      int u = 1 + rnd.nextInt(8);
      SchedulingProblem p = RandomInstances.problem(rnd, k, u, n % 2 == 0);
      double deadline = RandomInstances.deadline(rnd);
      assertSame(n, BruteForce.minEnergy(p, deadline), scheduler.minimizeEnergy(p, deadline));
    }
  }

  private static void assertSame(int n, BruteForce.Best best, Schedule s) {
    if (Double.isInfinite(best.objective())) {
      assertThat(s).as("instance %d", n).isInstanceOf(Schedule.Infeasible.class);
    } else {
      Schedule.Feasible f = (Schedule.Feasible) s;
      assertThat(f.objective()).as("instance %d", n).isEqualTo(best.objective());
      assertThat(f.unitsUsed()).as("instance %d units", n).isEqualTo(best.units());
    }
  }
}
