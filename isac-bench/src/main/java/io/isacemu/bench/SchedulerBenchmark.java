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
 * The exact scheduler at K devices × U units. Instances with K &gt; U cannot give every device a
 * unit: they are included on purpose and measure how fast {@link Schedule.Infeasible} comes back.
 * The min-energy deadline is 1.5× the instance's optimal makespan (so it is feasible with slack).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchedulerBenchmark {

  @Param({"10", "100", "1000", "10000"})
  public int devices;

  @Param({"100", "1000"})
  public int units;

  private final OptimalScheduler scheduler = new OptimalScheduler();
  private SchedulingProblem problem;
  private double deadlineSeconds;

  @Setup
  public void setUp() {
    problem = BenchInstances.problem(42L + devices * 31L + units, devices, units);
    Schedule best = scheduler.minimizeLatency(problem);
    deadlineSeconds = best instanceof Schedule.Feasible f ? 1.5 * f.objective() : 1.0;
    if ((best instanceof Schedule.Feasible) != (devices <= units)) {
      throw new IllegalStateException("unexpected feasibility: " + best);
    }
  }

  @Benchmark
  public Schedule minLatency() {
    return scheduler.minimizeLatency(problem);
  }

  @Benchmark
  public Schedule minEnergy() {
    return scheduler.minimizeEnergy(problem, deadlineSeconds);
  }
}
