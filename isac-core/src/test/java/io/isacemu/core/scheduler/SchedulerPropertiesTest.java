package io.isacemu.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Structural and monotonicity properties over seeded random instances. */
class SchedulerPropertiesTest {

  private final OptimalScheduler scheduler = new OptimalScheduler();

  private static SchedulingProblem instance(long seed, int k, int u) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return RandomInstances.problem(rnd, k, u, rnd.nextInt(4) == 0);
  }

  private static SchedulingProblem withUnits(SchedulingProblem p, int u) {
    return new SchedulingProblem(p.unitBandwidthHz(), u, p.devices());
  }

  private static void assertWellFormed(SchedulingProblem p, Schedule s, double deadline) {
    if (!(s instanceof Schedule.Feasible f)) {
      return;
    }
    assertThat(f.allocations()).hasSize(p.devices().size());
    int sum = 0;
    for (int k = 0; k < p.devices().size(); k++) {
      DeviceAllocation a = f.allocations().get(k);
      DeviceDemand d = p.devices().get(k);
      assertThat(a.deviceId()).isEqualTo(d.deviceId());
      assertThat(a.units()).isBetween(1, p.totalUnits()); // a_k = 1 ⇔ b_k ≥ 1
      PathOption o = d.options().stream().filter(x -> x.mode() == a.mode()).findFirst().orElseThrow();
      double rate = d.rateBps(a.units(), p.unitBandwidthHz());
      assertThat(a.rateBps()).isEqualTo(rate);
      assertThat(a.latencySeconds()).isEqualTo(o.latencySeconds(rate)).isLessThanOrEqualTo(deadline);
      assertThat(a.energyJ()).isEqualTo(o.energyJ(rate, d.txPowerW()));
      sum += a.units();
    }
    assertThat(f.unitsUsed()).isEqualTo(sum).isLessThanOrEqualTo(p.totalUnits());
    assertThat(f.unitsFree()).isEqualTo(p.totalUnits() - sum);
  }

  @Property(tries = 300)
  void allocationsAreIntegralWithinBudget(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 300) int u) {
    SchedulingProblem p = instance(seed, k, u);
    Schedule l = scheduler.minimizeLatency(p);
    assertThat(l instanceof Schedule.Feasible).isEqualTo(k <= u);
    assertWellFormed(p, l, Double.POSITIVE_INFINITY);
    double deadline = RandomInstances.deadline(new SplittableRandom(seed ^ 1));
    Schedule e = scheduler.minimizeEnergy(p, deadline);
    assertWellFormed(p, e, deadline);
    if (l instanceof Schedule.Feasible lf) {
      // Feasible for the energy problem exactly when the deadline is at least the best makespan.
      assertThat(e instanceof Schedule.Feasible).isEqualTo(deadline >= lf.objective());
    }
  }

  @Property(tries = 200)
  void latencyNeverRisesWhenUnitsGrow(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int k, @ForAll @IntRange(min = 1, max = 200) int u) {
    SchedulingProblem p = instance(seed, k, Math.max(k, u));
    Schedule.Feasible small = (Schedule.Feasible) scheduler.minimizeLatency(p);
    Schedule.Feasible more = (Schedule.Feasible) scheduler.minimizeLatency(withUnits(p, p.totalUnits() + 1 + (int) Math.floorMod(seed, 50L)));
    assertThat(more.objective()).isLessThanOrEqualTo(small.objective());
  }

  @Property(tries = 200)
  void energyNeverRisesWhenDeadlineOrUnitsGrow(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int k, @ForAll @IntRange(min = 1, max = 200) int u) {
    SchedulingProblem p = instance(seed, k, Math.max(k, u));
    double deadline = ((Schedule.Feasible) scheduler.minimizeLatency(p)).objective() * 1.05;
    Schedule.Feasible base = (Schedule.Feasible) scheduler.minimizeEnergy(p, deadline);
    Schedule.Feasible looser = (Schedule.Feasible) scheduler.minimizeEnergy(p, deadline * 1.5);
    Schedule.Feasible wider = (Schedule.Feasible) scheduler.minimizeEnergy(withUnits(p, p.totalUnits() + 7), deadline);
    // Same device order ⇒ same summation order, so the comparison is exact.
    assertThat(looser.objective()).isLessThanOrEqualTo(base.objective());
    assertThat(wider.objective()).isLessThanOrEqualTo(base.objective());
  }

  @Property(tries = 150)
  void infeasibleExactlyWhenMilpIsInfeasible(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int k, @ForAll @IntRange(min = 1, max = 12) int u) {
    SchedulingProblem p = instance(seed, k, u);
    double deadline = RandomInstances.deadline(new SplittableRandom(seed ^ 2));
    assertThat(scheduler.minimizeLatency(p) instanceof Schedule.Infeasible)
        .isEqualTo(MilpReference.minLatency(p).isEmpty());
    assertThat(scheduler.minimizeEnergy(p, deadline) instanceof Schedule.Infeasible)
        .isEqualTo(MilpReference.minEnergy(p, deadline).isEmpty());
  }
}
