package io.isacemu.core.scheduler;

import io.isacemu.core.validation.Check;
import java.util.List;

/** Outcome of a scheduling round: an optimal allocation, or why none exists. */
public sealed interface Schedule permits Schedule.Feasible, Schedule.Infeasible {

  /**
   * An optimal allocation.
   *
   * @param allocations one per device, in the problem's device order
   * @param objective optimal value: makespan in s (min-latency) or total energy in J (min-energy)
   * @param unitsUsed Σ b_k, ≥ 1
   * @param unitsFree U − unitsUsed, ≥ 0 (left for other tasks)
   */
  record Feasible(List<DeviceAllocation> allocations, double objective, int unitsUsed, int unitsFree)
      implements Schedule {

    public Feasible {
      Check.present("allocations", allocations);
      allocations = List.copyOf(allocations);
      Check.nonNegative("objective", objective);
      Check.positive("unitsUsed", unitsUsed);
      Check.nonNegative("unitsFree", unitsFree);
      int sum = allocations.stream().mapToInt(DeviceAllocation::units).sum();
      if (sum != unitsUsed) {
        throw new IllegalArgumentException(
            "unitsUsed: " + unitsUsed + " differs from the allocated sum " + sum);
      }
    }

    /** Largest device latency, s. */
    public double makespanSeconds() {
      return allocations.stream().mapToDouble(DeviceAllocation::latencySeconds).max().orElse(0.0);
    }

    /** Sum of device energies, J. */
    public double totalEnergyJ() {
      return allocations.stream().mapToDouble(DeviceAllocation::energyJ).sum();
    }
  }

  /** Why no allocation exists. */
  enum Cause {
    /** More devices than units: every device needs at least one unit. Shortfall in units. */
    TOO_FEW_UNITS,
    /** The deadline is below the best achievable makespan. Shortfall in seconds. */
    DEADLINE_UNREACHABLE
  }

  /**
   * No feasible allocation.
   *
   * @param cause what is missing
   * @param reason human-readable, with the numbers
   * @param shortfall by how much: units for {@link Cause#TOO_FEW_UNITS}, seconds (best makespan
   *     minus deadline) for {@link Cause#DEADLINE_UNREACHABLE}; &gt; 0
   */
  record Infeasible(Cause cause, String reason, double shortfall) implements Schedule {
    public Infeasible {
      Check.present("cause", cause);
      Check.present("reason", reason);
      Check.positive("shortfall", shortfall);
    }
  }
}
