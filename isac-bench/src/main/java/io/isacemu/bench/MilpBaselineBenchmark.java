package io.isacemu.bench;

import io.isacemu.core.scheduler.OptimalScheduler;
import io.isacemu.core.scheduler.Schedule;
import io.isacemu.core.scheduler.SchedulingProblem;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Exact scheduler vs the OR-Tools SCIP MILP ({@link CompactMilp}) on the same instances, at sizes
 * where the MILP is tractable. Setup asserts both reach the same optimum (1e-9 relative), so the
 * time ratio is at equal objective.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MilpBaselineBenchmark {

  /** "K x U". */
  @Param({"10x100", "50x100", "100x200"})
  public String size;

  private final OptimalScheduler scheduler = new OptimalScheduler();
  private SchedulingProblem problem;
  private double deadlineSeconds;

  @Setup
  public void setUp() {
    String[] ku = size.split("x");
    int k = Integer.parseInt(ku[0]);
    int u = Integer.parseInt(ku[1]);
    problem = BenchInstances.problem(7L * k + u, k, u);
    double t = ((Schedule.Feasible) scheduler.minimizeLatency(problem)).objective();
    deadlineSeconds = 1.5 * t;
    double e = ((Schedule.Feasible) scheduler.minimizeEnergy(problem, deadlineSeconds)).objective();
    requireEqual("min-latency", t, CompactMilp.minLatency(problem));
    requireEqual("min-energy", e, CompactMilp.minEnergy(problem, deadlineSeconds));
  }

  private static void requireEqual(String what, double scheduler, double milp) {
    if (!(Math.abs(scheduler - milp) <= 1e-9 * Math.abs(milp))) {
      throw new IllegalStateException(what + ": scheduler " + scheduler + " vs MILP " + milp);
    }
  }

  @Benchmark
  public Schedule schedulerMinLatency() {
    return scheduler.minimizeLatency(problem);
  }

  @Benchmark
  public double milpMinLatency() {
    return CompactMilp.minLatency(problem);
  }

  @Benchmark
  public Schedule schedulerMinEnergy() {
    return scheduler.minimizeEnergy(problem, deadlineSeconds);
  }

  @Benchmark
  public double milpMinEnergy() {
    return CompactMilp.minEnergy(problem, deadlineSeconds);
  }
}
