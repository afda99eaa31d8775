package io.isacemu.bs.task;

import io.isacemu.core.scheduler.DeviceAllocation;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.OptimalScheduler;
import io.isacemu.core.scheduler.Schedule;
import io.isacemu.core.scheduler.SchedulingProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Splits the free units of the band among one round's devices with the isac-core {@link
 * OptimalScheduler} (min makespan, or min energy under the deadline) and holds them until the round
 * ends: {@code Σ_k b_k ≤ U} (eq. 4) holds across concurrent tasks through the {@link SpectrumLedger}.
 */
final class RoundScheduler {

  private final SpectrumLedger ledger;
  private final LongSupplier nanos;
  private final OptimalScheduler scheduler = new OptimalScheduler();

  RoundScheduler(SpectrumLedger ledger, LongSupplier nanos) {
    this.ledger = ledger;
    this.nanos = nanos;
  }

  /** A feasible schedule whose units stay reserved until {@link #close}. Allocations are in demand order. */
  static final class Reservation implements AutoCloseable {
    private final SpectrumLedger ledger;
    private final Schedule.Feasible schedule;
    private final Map<String, Integer> grant;

    private Reservation(SpectrumLedger ledger, Schedule.Feasible schedule, Map<String, Integer> grant) {
      this.ledger = ledger;
      this.schedule = schedule;
      this.grant = grant;
    }

    /** The allocation of the {@code i}-th demand. */
    DeviceAllocation allocation(int i) {
      return schedule.allocations().get(i);
    }

    @Override
    public void close() {
      ledger.release(grant);
    }
  }

  /**
   * Waits at most {@code waitNanos} for one unit per demand, then schedules them.
   *
   * @param maxSensingSeconds the longest sensing among the devices, s: the energy objective gets the
   *     rest of the deadline
   * @param problems where the reasons for a fallback or a refusal are added
   * @return the reservation; empty when too few units came free or no schedule is feasible
   */
  Optional<Reservation> reserve(List<DeviceDemand> demands, double maxSensingSeconds, double deadlineSeconds,
      Objective objective, long waitNanos, List<String> problems) {
    Optional<Schedule> planned;
    try {
      planned = ledger.reserveWhenFree(demands.size(), waitNanos, nanos,
          free -> solve(new SchedulingProblem(ledger.spectrum().unitBandwidthHz(), free, demands),
              maxSensingSeconds, deadlineSeconds, objective, problems),
          RoundScheduler::units);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      planned = Optional.empty();
    }
    if (planned.isEmpty()) {
      problems.add("only " + ledger.free() + " free units for " + demands.size() + " devices before the deadline");
      return Optional.empty();
    }
    if (!(planned.get() instanceof Schedule.Feasible f)) {
      problems.add("no feasible schedule: " + ((Schedule.Infeasible) planned.get()).reason());
      return Optional.empty();
    }
    return Optional.of(new Reservation(ledger, f, units(f)));
  }

  /** The units per device a schedule takes (none for an infeasible one). */
  private static Map<String, Integer> units(Schedule s) {
    Map<String, Integer> g = new LinkedHashMap<>();
    if (s instanceof Schedule.Feasible f) {
      for (DeviceAllocation a : f.allocations()) {
        g.put(a.deviceId(), a.units());
      }
    }
    return g;
  }

  private Schedule solve(SchedulingProblem problem, double maxSensingSeconds, double deadlineSeconds,
      Objective objective, List<String> problems) {
    if (objective != Objective.ENERGY || deadlineSeconds <= maxSensingSeconds) {
      return scheduler.minimizeLatency(problem);
    }
    Schedule s = scheduler.minimizeEnergy(problem, deadlineSeconds - maxSensingSeconds);
    if (s instanceof Schedule.Infeasible inf) {
      problems.add("energy schedule infeasible (" + inf.reason() + "); used the min-latency schedule");
      return scheduler.minimizeLatency(problem);
    }
    return s;
  }
}
