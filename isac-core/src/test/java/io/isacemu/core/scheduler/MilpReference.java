package io.isacemu.core.scheduler;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * The scheduling problem as a table MILP solved by SCIP (OR-Tools): binaries {@code x_{k,o,b}},
 * exactly one per device, {@code Σ b·x ≤ U}. Min-latency: min T s.t. {@code T ≥ Σ latency·x} per
 * device. Min-energy: min {@code Σ energy·x}, with {@code latency ≤ D} enforced by only creating
 * the x whose (exactly computed) latency meets D, so no solver tolerance can loosen the deadline.
 * Objectives are recomputed from the integral solution with the model's own functions.
 */
final class MilpReference {

  static {
    Loader.loadNativeLibraries();
  }

  /** Objective recomputed from the MILP's integral solution, and its units. */
  record Solution(double objective, int units) {}

  private record Column(int device, PathOption option, int units, double latency, double energy) {}

  private MilpReference() {}

  static Optional<Solution> minLatency(SchedulingProblem p) {
    return solve(p, false, x -> true);
  }

  static Optional<Solution> minEnergy(SchedulingProblem p, double deadline) {
    return solve(p, true, lat -> lat <= deadline);
  }

  /** Is there an allocation with every device's latency ≤ t? (pure 0/1 feasibility, exact). */
  static boolean feasibleWithin(SchedulingProblem p, double t) {
    return solve(p, true, lat -> lat <= t).isPresent();
  }

  private static Optional<Solution> solve(SchedulingProblem p, boolean energy, DoublePredicate allowed) {
    MPSolver solver = MPSolver.createSolver("SCIP");
    MPSolverParameters params = new MPSolverParameters();
    try {
      solver.suppressOutput();
      List<DeviceDemand> devices = p.devices();
      int u = p.totalUnits();
      MPConstraint budget = solver.makeConstraint(-MPSolver.infinity(), u, "budget");
      MPObjective objective = solver.objective();
      MPVariable makespan = energy ? null : solver.makeNumVar(0, MPSolver.infinity(), "T");
      if (!energy) {
        objective.setCoefficient(makespan, 1);
      }
      List<MPVariable> vars = new ArrayList<>();
      List<Column> cols = new ArrayList<>();
      for (int k = 0; k < devices.size(); k++) {
        DeviceDemand d = devices.get(k);
        MPConstraint one = solver.makeConstraint(1, 1, "one_" + k);
        MPConstraint latencyRow = energy ? null : solver.makeConstraint(0, MPSolver.infinity(), "T_" + k);
        if (latencyRow != null) {
          latencyRow.setCoefficient(makespan, 1);
        }
        for (int b = 1; b <= u; b++) {
          double rate = d.rateBps(b, p.unitBandwidthHz());
          for (PathOption o : d.options()) {
            double lat = o.latencySeconds(rate);
            if (!allowed.test(lat)) {
              continue;
            }
            MPVariable x = solver.makeBoolVar("x_" + k + "_" + o.mode() + "_" + b);
            Column c = new Column(k, o, b, lat, o.energyJ(rate, d.txPowerW()));
            one.setCoefficient(x, 1);
            budget.setCoefficient(x, b);
            if (energy) {
              objective.setCoefficient(x, c.energy());
            } else {
              latencyRow.setCoefficient(x, -lat);
            }
            vars.add(x);
            cols.add(c);
          }
        }
      }
      objective.setMinimization();
      params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
      params.setDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, 1e-9);
      MPSolver.ResultStatus status = solver.solve(params);
      if (status == MPSolver.ResultStatus.INFEASIBLE) {
        return Optional.empty();
      }
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        throw new IllegalStateException("MILP status " + status);
      }
      double[] perDevice = new double[devices.size()];
      int units = 0;
      for (int i = 0; i < vars.size(); i++) {
        if (vars.get(i).solutionValue() > 0.5) {
          Column c = cols.get(i);
          perDevice[c.device()] = energy ? c.energy() : c.latency();
          units += c.units();
        }
      }
      double value = 0;
      for (double v : perDevice) {
        value = energy ? value + v : Math.max(value, v);
      }
      return Optional.of(new Solution(value, units));
    } finally {
      params.delete();
      solver.delete();
    }
  }
}
