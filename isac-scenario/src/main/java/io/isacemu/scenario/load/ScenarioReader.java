package io.isacemu.scenario.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.modality.Modality;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.Problems;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.CellSpec;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.Limits;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.ServingSpec;
import io.isacemu.scenario.model.SweepSpec;
import io.isacemu.scenario.model.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a scenario file strictly: unknown keys, wrong types, values out of range, cross-section
 * rules and malformed sweeps are all collected and thrown as one {@link ScenarioException}. Every
 * omitted key takes today's demo default (see the model records).
 */
public final class ScenarioReader {

  private ScenarioReader() {}

  /** The scenario in {@code file}. */
  public static Scenario read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), List.of(new Problem("<root>", file.toString(),
          "cannot read the file: " + e.getMessage())));
    }
    return read(text, file.getFileName().toString());
  }

  /** The scenario in YAML {@code text}; {@code source} names it in messages. */
  public static Scenario read(String text, String source) {
    return read(parse(text, source), source);
  }

  /** The scenario in an already parsed tree. */
  public static Scenario read(JsonNode tree, String source) {
    Problems problems = new Problems();
    Optional<Scenario> s = read(tree, problems, true);
    problems.throwIfAny(source);
    return s.orElseThrow();
  }

  /** YAML text as a tree; a syntax error or a duplicate key is a problem at {@code <root>} with its line. */
  public static JsonNode parse(String text, String source) {
    try {
      JsonNode n = Yaml.MAPPER.readTree(text);
      return n == null ? MissingNode.getInstance() : n;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new ScenarioException(source, List.of(new Problem("<root>", "",
          "not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""))));
    }
  }

  /**
   * A sweep point's tree (the sweep applied, no axes left) into {@code problems}; the scenario when
   * none was found.
   */
  public static Optional<Scenario> readPoint(JsonNode tree, Problems problems) {
    return read(tree, problems, false);
  }

  /**
   * Reads {@code tree} into {@code problems}; the scenario when none was found. With {@code
   * withSweep} false the tree must have no sweep axes (a sweep point).
   */
  static Optional<Scenario> read(JsonNode tree, Problems problems, boolean withSweep) {
    int before = problems.size();
    MapNode root = new MapNode("", tree, problems);
    CellSpec cell = NetworkReader.cell(root.child("cell"));
    MecServer mec = NetworkReader.mec(root.child("mec"));
    Map<Modality, DeviceGroup> devices = NetworkReader.devices(root.child("devices"));
    DatasetSpec dataset = LearningReader.dataset(root.child("dataset"));
    TrainingSpec training = LearningReader.training(root.child("training"));
    ServingSpec serving = LearningReader.serving(root.child("serving"));
    int replications = root.integer("replications", Scenario.DEFAULTS.replications(), Limits.REPLICATIONS);
    long seed = root.longInt("seed", Scenario.DEFAULTS.seed());
    MapNode sweepNode = root.child("sweep");
    SweepSpec sweep = SweepReader.structure(sweepNode);
    root.finish();
    if (problems.size() > before) {
      return Optional.empty();
    }
    Scenario.crossProblems(cell, devices, dataset, training, serving).forEach(problems::add);
    if (problems.size() > before) {
      return Optional.empty();
    }
    Scenario base = new Scenario(cell, mec, devices, dataset, training, serving, replications, seed, SweepSpec.NONE);
    if (!withSweep) {
      return Optional.of(base);
    }
    SweepReader.paths(sweep, ScenarioWriter.tree(base), problems);
    return problems.size() > before ? Optional.empty() : Optional.of(base.withSweep(sweep));
  }
}
