package io.isacemu.scenario;

import io.isacemu.scenario.load.ScenarioReader;
import io.isacemu.scenario.load.ScenarioWriter;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepExpander;
import io.isacemu.scenario.sweep.SweepPoint;
import java.nio.file.Path;
import java.util.List;

/**
 * Experiments as code, the entry points: load a scenario file (strict; every problem at once),
 * expand its sweep, write a resolved scenario back. Every failure is one {@link
 * io.isacemu.scenario.error.ScenarioException} listing {@code (keyPath, value, message)} problems.
 */
public final class Scenarios {

  private Scenarios() {}

  /** The scenario in {@code file}, validated, its sweep's points included (each value checked at its key). */
  public static Scenario load(Path file) {
    Scenario s = ScenarioReader.read(file);
    SweepExpander.expand(s, file.getFileName().toString());
    return s;
  }

  /** As {@link #load(Path)} for YAML text; {@code source} names it in messages. */
  public static Scenario load(String yaml, String source) {
    Scenario s = ScenarioReader.read(yaml, source);
    SweepExpander.expand(s, source);
    return s;
  }

  /** The points of {@code s}'s sweep (one without a sweep). */
  public static List<SweepPoint> expand(Scenario s) {
    return SweepExpander.expand(s);
  }

  /** {@code s} as YAML, every default written out; {@code load(write(s), …)} equals {@code s}. */
  public static String write(Scenario s) {
    return ScenarioWriter.write(s);
  }
}
