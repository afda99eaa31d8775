package io.isacemu.scenario;

import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepPoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java io.isacemu.scenario.ScenarioCheck FILE...}: validates each scenario file and prints its
 * sweep points with their training fingerprints. Exit 0 when every file is valid, 2 when any is not
 * (its problems on stderr, one per line), 64 without arguments.
 */
public final class ScenarioCheck {

  private ScenarioCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The exit code; output as {@link #main}. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: ScenarioCheck FILE.yaml...");
      return 64;
    }
    int code = 0;
    for (String a : args) {
      try {
        Scenario s = Scenarios.load(Path.of(a));
        List<SweepPoint> points = Scenarios.expand(s);
        long runs = points.stream().map(SweepPoint::trainingFingerprint).distinct().count();
        out.println(a + ": " + points.size() + (points.size() == 1 ? " point, " : " points, ") + runs
            + (runs == 1 ? " training run" : " training runs") + ", " + s.replications() + " replication(s)");
        for (SweepPoint p : points) {
          out.println("  " + p.index() + " " + p.trainingFingerprint().substring(0, 12) + " " + p.axisValues());
        }
      } catch (ScenarioException e) {
        err.println(a + ": " + e.getMessage());
        code = 2;
      }
    }
    return code;
  }
}
