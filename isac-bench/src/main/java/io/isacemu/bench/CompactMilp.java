package io.isacemu.bench;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.scheduler.SchedulingProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The same problems as a MILP for SCIP (OR-Tools), compacted without losing exactness: one binary
 * per (device, units) with b ≤ U − K + 1 (the others need ≥ 1 unit each), the better option for
 * the objective pre-selected per (device, b), and for min-energy only the b that meet the deadline.
 * Min-latency: min T, T ≥ Σ_b latency·x per device. Min-energy: min Σ energy·x. Both: Σ_b x = 1 per
 * device, Σ b·x ≤ U. Returns the objective recomputed from the integral solution, NaN if
 * infeasible.
 */
final class CompactMilp {

  static {
    Loader.loadNativeLibraries();
  }

  private CompactMilp() {}

  static double minLatency(SchedulingProblem p) {
    return solve(p, false, Double.POSITIVE_INFINITY);
  }

  static double minEnergy(SchedulingProblem p, double deadlineSeconds) {
    return solve(p, true, deadlineSeconds);
  }

  private static double solve(SchedulingProblem p, boolean energy, double deadline) {
    MPSolver solver = MPSolver.createSolver("SCIP");
    MPSolverParameters params = new MPSolverParameters();
    try {
      List<DeviceDemand> devices = p.devices();
      int k = devices.size();
      int maxUnits = p.totalUnits() - k + 1;
      if (maxUnits < 1) {
        return Double.NaN;
      }
      MPConstraint budget = solver.makeConstraint(-MPSolver.infinity(), p.totalUnits());
      MPObjective objective = solver.objective();
      MPVariable makespan = energy ? null : solver.makeNumVar(0, MPSolver.infinity(), "T");
      if (makespan != null) {
        objective.setCoefficient(makespan, 1);
      }
      List<MPVariable> vars = new ArrayList<>();
      List<double[]> cols = new ArrayList<>(); // {device, latency, energy}
      for (int d = 0; d < k; d++) {
        DeviceDemand dev = devices.get(d);
        MPConstraint one = solver.makeConstraint(1, 1);
        MPConstraint row = energy ? null : solver.makeConstraint(0, MPSolver.infinity());
        if (row != null) {
          row.setCoefficient(makespan, 1);
        }
        for (int b = 1; b <= maxUnits; b++) {
          double rate = dev.rateBps(b, p.unitBandwidthHz());
          double bestLat = Double.POSITIVE_INFINITY;
          double bestEnergy = Double.POSITIVE_INFINITY;
          for (PathOption o : dev.options()) {
            double lat = o.latencySeconds(rate);
            double e = o.energyJ(rate, dev.txPowerW());
            boolean better = energy ? lat <= deadline && e < bestEnergy : lat < bestLat;
            if (better) {
              bestLat = lat;
              bestEnergy = e;
            }
          }
          if (Double.isInfinite(bestLat)) {
            continue;
          }
          MPVariable x = solver.makeBoolVar("x" + d + "_" + b);
          one.setCoefficient(x, 1);
          budget.setCoefficient(x, b);
          if (energy) {
            objective.setCoefficient(x, bestEnergy);
          } else {
            row.setCoefficient(x, -bestLat);
          }
          vars.add(x);
          cols.add(new double[] {d, bestLat, bestEnergy});
        }
      }
      objective.setMinimization();
      params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
      params.setDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, 1e-9);
      MPSolver.ResultStatus status = solver.solve(params);
      if (status == MPSolver.ResultStatus.INFEASIBLE) {
        return Double.NaN;
      }
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        throw new IllegalStateException("MILP status " + status);
      }
      double value = 0;
      for (int i = 0; i < vars.size(); i++) {
        if (vars.get(i).solutionValue() > 0.5) {
          double[] c = cols.get(i);
          value = energy ? value + c[2] : Math.max(value, c[1]);
        }
      }
      return value;
    } finally {
      params.delete();
      solver.delete();
    }
  }
}
