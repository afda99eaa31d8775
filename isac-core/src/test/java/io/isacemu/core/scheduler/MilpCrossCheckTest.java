package io.isacemu.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scheduler against the exact OR-Tools MILP on thousands of small random instances. */
class MilpCrossCheckTest {

  private static final int INSTANCES = 1000;
  private final OptimalScheduler scheduler = new OptimalScheduler();

  @Test
  void minLatencyMatchesMilp() {
    SplittableRandom rnd = new SplittableRandom(20240611L);
    int feasible = 0;
    for (int n = 0; n < INSTANCES; n++) {
      int k = 1 + rnd.nextInt(6);
      int u = Math.max(1, k - 1 + rnd.nextInt(20 - k + 2));
      SchedulingProblem p = RandomInstances.problem(rnd, k, u, n % 4 == 0);
      Schedule s = scheduler.minimizeLatency(p);
      Optional<MilpReference.Solution> milp = MilpReference.minLatency(p);
      assertThat(s instanceof Schedule.Feasible).as("instance %d feasibility", n).isEqualTo(milp.isPresent());
      if (s instanceof Schedule.Feasible f) {
        feasible++;
        double t = milp.orElseThrow().objective();
        assertThat(f.objective()).as("instance %d", n).isCloseTo(t, within(1e-9 * t));
        // Exactness beyond solver tolerances: nothing strictly faster is feasible.
        if (n % 10 == 0) {
          assertThat(MilpReference.feasibleWithin(p, Math.nextDown(f.objective()))).isFalse();
        }
      }
    }
    assertThat(feasible).isGreaterThan(INSTANCES / 2);
  }

  @Test
  void minEnergyMatchesMilp() {
    SplittableRandom rnd = new SplittableRandom(77L);
    int feasible = 0;
    int infeasible = 0;
    for (int n = 0; n < INSTANCES; n++) {
      int k = 1 + rnd.nextInt(6);
      int u = Math.max(1, k - 1 + rnd.nextInt(20 - k + 2));
      SchedulingProblem p = RandomInstances.problem(rnd, k, u, n % 4 == 0);
      double deadline = RandomInstances.deadline(rnd);
      Schedule s = scheduler.minimizeEnergy(p, deadline);
      Optional<MilpReference.Solution> milp = MilpReference.minEnergy(p, deadline);
      assertThat(s instanceof Schedule.Feasible).as("instance %d feasibility", n).isEqualTo(milp.isPresent());
      if (s instanceof Schedule.Feasible f) {
        feasible++;
        double e = milp.orElseThrow().objective();
        assertThat(f.objective()).as("instance %d", n).isCloseTo(e, within(1e-9 * Math.max(e, 1e-300)));
        assertThat(f.makespanSeconds()).isLessThanOrEqualTo(deadline);
      } else {
        infeasible++;
      }
    }
    assertThat(feasible).isGreaterThan(INSTANCES / 4);
    assertThat(infeasible).isGreaterThan(INSTANCES / 20);
  }
}
