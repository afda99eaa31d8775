package io.isacemu.core.scheduler;

import io.isacemu.core.compute.ProcessingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimalSchedulerTest {

  private final OptimalScheduler scheduler = new OptimalScheduler();

  /**
   * B_min = 1 MHz. Device A (η = 1, P = 0.5 W): OFFLOAD 4 Mbit + 0.1 s MEC → 0.1 + 4/b s, 2/b J;
   * LOCAL 1 s, 0.8 J, 1 Mbit result → 1 + 1/b s, 0.8 + 0.5/b J. Device B (η = 2, P = 1 W): OFFLOAD 4
   * Mbit, no MEC time → 2/b s, 2/b J.
   */
  private static SchedulingProblem handExample(int units) {
    DeviceDemand a = new DeviceDemand("A", 1.0, 0.5, List.of(
        new PathOption(ProcessingMode.OFFLOAD, 0.1, 4e6, 0.0),
        new PathOption(ProcessingMode.LOCAL, 1.0, 1e6, 0.8)));
    DeviceDemand b = new DeviceDemand("B", 2.0, 1.0, List.of(PathOption.offload(4e6, 0.0)));
    return new SchedulingProblem(1e6, units, List.of(a, b));
  }

  @Test
  void handWorkedMinLatency() {
    // U = 4: (2,2) → A local 1.5 s, B 1.0 s; (1,3) and (3,1) give 2.0 s. T* = 1.5 s.
    Schedule.Feasible four = (Schedule.Feasible) scheduler.minimizeLatency(handExample(4));
    assertThat(four.objective()).isEqualTo(1.5);
    assertThat(four.allocations()).extracting(DeviceAllocation::units).containsExactly(2, 2);
    assertThat(four.allocations().get(0).mode()).isEqualTo(ProcessingMode.LOCAL);
    // U = 5: (3,2) → A local 1 + 1/3 s, B 1.0 s. T* = 4/3 s, all units used.
    Schedule.Feasible five = (Schedule.Feasible) scheduler.minimizeLatency(handExample(5));
    assertThat(five.objective()).isCloseTo(4.0 / 3.0, within(1e-15));
    assertThat(five.allocations()).extracting(DeviceAllocation::units).containsExactly(3, 2);
    assertThat(five.unitsFree()).isZero();
    DeviceAllocation b = five.allocations().get(1);
    assertThat(b.rateBps()).isEqualTo(4e6);
    assertThat(b.latencySeconds()).isEqualTo(1.0);
    assertThat(b.energyJ()).isEqualTo(1.0);
  }

  @Test
  void handWorkedMinEnergyBeatsMarginalGreedy() {
    // D = 2 s, U = 5. f_A(b) = 1.3, 1.05, 2/3 (offload), 0.5 J for b = 1..4 — not convex.
    // f_B(b) = 2, 1, 2/3, 1/2 J. Splits of 5: (1,4) 1.8, (2,3) 1.7167, (3,2) 1.6667, (4,1) 2.5.
    // Greedy on marginal gains from (1,1) ends at (2,3); the optimum is (3,2) = 5/3 J.
    Schedule.Feasible f = (Schedule.Feasible) scheduler.minimizeEnergy(handExample(5), 2.0);
    assertThat(f.objective()).isCloseTo(5.0 / 3.0, within(1e-12));
    assertThat(f.allocations()).extracting(DeviceAllocation::units).containsExactly(3, 2);
    assertThat(f.allocations()).extracting(DeviceAllocation::mode)
        .containsExactly(ProcessingMode.OFFLOAD, ProcessingMode.OFFLOAD);
    assertThat(f.makespanSeconds()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void minLatencyLeavesUnneededUnitsFree() {
    // A single device whose latency is all fixed (no upload bits) needs just one unit.
    DeviceDemand d = new DeviceDemand("d", 3.0, 0.1, List.of(new PathOption(ProcessingMode.LOCAL, 0.2, 0.0, 0.1)));
    Schedule.Feasible f = (Schedule.Feasible) scheduler.minimizeLatency(new SchedulingProblem(1e5, 50, List.of(d)));
    assertThat(f.unitsUsed()).isEqualTo(1);
    assertThat(f.unitsFree()).isEqualTo(49);
    assertThat(f.objective()).isEqualTo(0.2);
  }

  @Test
  void tooManyDevicesIsInfeasibleWithShortfall() {
    SchedulingProblem p = RandomInstances.problem(new SplittableRandom(1), 12, 10, false);
    for (Schedule s : List.of(scheduler.minimizeLatency(p), scheduler.minimizeEnergy(p, 5.0))) {
      Schedule.Infeasible inf = (Schedule.Infeasible) s;
      assertThat(inf.cause()).isEqualTo(Schedule.Cause.TOO_FEW_UNITS);
      assertThat(inf.shortfall()).isEqualTo(2.0);
      assertThat(inf.reason()).contains("needs 12 units", "has 10");
    }
  }

  @Test
  void unreachableDeadlineReportsFastestMakespan() {
    Schedule.Infeasible inf = (Schedule.Infeasible) scheduler.minimizeEnergy(handExample(4), 1.2);
    assertThat(inf.cause()).isEqualTo(Schedule.Cause.DEADLINE_UNREACHABLE);
    assertThat(inf.shortfall()).isCloseTo(0.3, within(1e-12)); // T* = 1.5 s
    assertThat(inf.reason()).contains("deadline 1.2 s", "fastest achievable makespan 1.5 s", "all 4 units");
    // Below A's LOCAL floor (1 s) and B's best (0.5 s) with everything: names the device.
    Schedule.Infeasible alone = (Schedule.Infeasible) scheduler.minimizeEnergy(handExample(4), 0.4);
    assertThat(alone.reason()).contains("device A cannot meet it");
  }

  @Test
  void deterministicAndTiesFollowDeviceOrder() {
    // Three identical devices, zero transmit power: every split of the units has the same energy,
    // so the fewest units win (1 each); for min latency the fewest-units optimum is unique.
    DeviceDemand proto = new DeviceDemand("x", 1.0, 0.0, List.of(PathOption.offload(1e6, 0.0)));
    List<DeviceDemand> same = List.of(
        new DeviceDemand("d0", 1.0, 0.0, proto.options()),
        new DeviceDemand("d1", 1.0, 0.0, proto.options()),
        new DeviceDemand("d2", 1.0, 0.0, proto.options()));
    SchedulingProblem p = new SchedulingProblem(1e6, 10, same);
    Schedule.Feasible e = (Schedule.Feasible) scheduler.minimizeEnergy(p, 2.0);
    assertThat(e.allocations()).extracting(DeviceAllocation::units).containsExactly(1, 1, 1);
    Schedule.Feasible l = (Schedule.Feasible) scheduler.minimizeLatency(p);
    assertThat(l.allocations()).extracting(DeviceAllocation::units).containsExactly(3, 3, 3);
    // Equal energy and equal units but different splits: two devices, D = 0.5 s (≥ 2 units each),
    // U = 7, P > 0 so all units are used; (3,4) and (4,3) cost exactly 1/3 + 1/4 J (addition is
    // commutative in IEEE). The leftmost argmin gives the later device the extra unit.
    List<DeviceDemand> powered = same.subList(0, 2).stream()
        .map(d -> new DeviceDemand(d.deviceId(), 1.0, 1.0, d.options())).toList();
    SchedulingProblem q = new SchedulingProblem(1e6, 7, powered);
    Schedule first = scheduler.minimizeEnergy(q, 0.5);
    assertThat(((Schedule.Feasible) first).allocations()).extracting(DeviceAllocation::units)
        .containsExactly(3, 4);
    for (int i = 0; i < 5; i++) {
      assertThat(scheduler.minimizeEnergy(q, 0.5)).isEqualTo(first);
    }
    SplittableRandom rnd = new SplittableRandom(3);
    for (int n = 0; n < 50; n++) {
      SchedulingProblem r = RandomInstances.problem(rnd, 1 + rnd.nextInt(30), 40 + rnd.nextInt(200), n % 2 == 0);
      assertThat(scheduler.minimizeLatency(r)).isEqualTo(scheduler.minimizeLatency(r));
      assertThat(scheduler.minimizeEnergy(r, 3.0)).isEqualTo(scheduler.minimizeEnergy(r, 3.0));
    }
  }

  @Test
  void largeInstanceIsFeasibleAndConsistent() {
    SchedulingProblem p = RandomInstances.problem(new SplittableRandom(9), 1000, 1000, false);
    Schedule.Feasible l = (Schedule.Feasible) scheduler.minimizeLatency(p);
    assertThat(l.unitsUsed()).isEqualTo(1000); // K = U: one unit each
    SchedulingProblem q = RandomInstances.problem(new SplittableRandom(9), 100, 1000, false);
    Schedule.Feasible t = (Schedule.Feasible) scheduler.minimizeLatency(q);
    Schedule.Feasible e = (Schedule.Feasible) scheduler.minimizeEnergy(q, t.objective() * 1.5);
    assertThat(e.makespanSeconds()).isLessThanOrEqualTo(t.objective() * 1.5);
    assertThat(e.unitsUsed()).isLessThanOrEqualTo(1000);
  }

  @Test
  void unitsForFloorsWithTolerance() {
    assertThat(SchedulingProblem.unitsFor(20e6, 180e3)).isEqualTo(111);
    assertThat(SchedulingProblem.unitsFor(0.3, 0.1)).isEqualTo(3);
    assertThat(SchedulingProblem.unitsFor(1e6, 1e6)).isEqualTo(1);
    assertThat(SchedulingProblem.ofBandwidth(1e6, 1e5, handExample(1).devices()).totalUnits()).isEqualTo(10);
    assertThatThrownBy(() -> SchedulingProblem.unitsFor(1e5, 2e5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitBandwidthHz: 200000.0");
    assertThatThrownBy(() -> SchedulingProblem.unitsFor(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bandwidthHz: NaN");
  }

  @Test
  void recordsRejectInvalidValuesNamingTheField() {
    List<PathOption> ok = List.of(PathOption.offload(1e6, 0.1));
    assertThatThrownBy(() -> new PathOption(ProcessingMode.LOCAL, -1, 1, 0))
        .hasMessageContaining("fixedSeconds: -1.0");
    assertThatThrownBy(() -> new PathOption(ProcessingMode.LOCAL, 0, Double.POSITIVE_INFINITY, 0))
        .hasMessageContaining("bits: Infinity");
    assertThatThrownBy(() -> new PathOption(ProcessingMode.LOCAL, 0, 1, Double.NaN))
        .hasMessageContaining("fixedEnergyJ: NaN");
    assertThatThrownBy(() -> new DeviceDemand("d", 0.0, 1, ok))
        .hasMessageContaining("spectralEfficiencyBitsPerHz: 0.0");
    assertThatThrownBy(() -> new DeviceDemand("d", 1, -0.5, ok)).hasMessageContaining("txPowerW: -0.5");
    assertThatThrownBy(() -> new DeviceDemand("d", 1, 1, List.of())).hasMessageContaining("options: 0");
    assertThatThrownBy(() -> new DeviceDemand("d", 1, 1, List.of(ok.get(0), ok.get(0))))
        .hasMessageContaining("options: mode OFFLOAD appears twice");
    assertThatThrownBy(() -> new DeviceDemand(" ", 1, 1, ok)).hasMessageContaining("deviceId");
    DeviceDemand d = new DeviceDemand("d", 1, 1, ok);
    assertThatThrownBy(() -> new SchedulingProblem(1e5, 10, List.of()))
        .hasMessageContaining("devices: 0 devices");
    assertThatThrownBy(() -> new SchedulingProblem(1e5, 10, List.of(d, d)))
        .hasMessageContaining("devices: duplicate deviceId 'd'");
    assertThatThrownBy(() -> new SchedulingProblem(-1e5, 10, List.of(d)))
        .hasMessageContaining("unitBandwidthHz: -100000.0");
    assertThatThrownBy(() -> new SchedulingProblem(1e5, 0, List.of(d))).hasMessageContaining("totalUnits: 0");
    SchedulingProblem p = new SchedulingProblem(1e5, 10, List.of(d));
    assertThatThrownBy(() -> scheduler.minimizeEnergy(p, 0.0)).hasMessageContaining("deadlineSeconds: 0.0");
    assertThatThrownBy(() -> scheduler.minimizeEnergy(p, Double.NaN)).hasMessageContaining("deadlineSeconds: NaN");
  }

  @Test
  void modelHelpers() {
    assertThat(DeviceDemand.spectralEfficiency(3.0)).isCloseTo(2.0, within(1e-15));
    PathOption local = PathOption.local(1e9, 2e9, 1e-28, 8e3);
    assertThat(local.mode()).isEqualTo(ProcessingMode.LOCAL);
    assertThat(local.fixedSeconds()).isEqualTo(0.5);
    assertThat(local.fixedEnergyJ()).isCloseTo(0.4, within(1e-15)); // κ f² cycles
    assertThat(local.latencySeconds(8e3)).isEqualTo(1.5);
    assertThat(local.energyJ(8e3, 0.2)).isCloseTo(0.6, within(1e-15));
  }
}
