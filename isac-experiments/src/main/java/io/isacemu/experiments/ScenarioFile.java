package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.load.ScenarioReader;
import io.isacemu.scenario.load.ScenarioWriter;
import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario file for the runner: read strictly, the command line's options set over its values,
 * and every sweep axis checked against what the running platform can change through its APIs — an
 * axis it cannot apply is refused here, before anything starts, never silently ignored.
 */
public final class ScenarioFile {

  private ScenarioFile() {}

  /**
   * The scenario in {@code file} with {@code args}' values over its own ({@link ScenarioOverrides}).
   *
   * @throws ScenarioException naming each key path and value at fault
   */
  public static Scenario load(Path file, ScenarioOverrides args) {
    String source = file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), List.of(new Problem("<root>", file.toString(),
          "cannot read the file: " + e.getMessage())));
    }
    JsonNode tree = ScenarioReader.parse(text, source);
    if (tree.isObject()) {
      override((ObjectNode) tree, args);
    } else if (tree.isMissingNode() && !args.isEmpty()) {
      ObjectNode empty = ScenarioWriter.tree(Scenario.DEFAULTS);
      override(empty, args);
      tree = empty;
    }
    Scenario s = ScenarioReader.read(tree, source);
    Scenarios.expand(s); // every point's values checked at their keys
    List<Problem> refused = unsupported(s);
    if (!refused.isEmpty()) {
      throw new ScenarioException(source, refused);
    }
    return s;
  }

  private static void override(ObjectNode tree, ScenarioOverrides args) {
    args.samples().ifPresent(n -> section(tree, "serving").put("samplesPerPoint", n));
    args.epochs().ifPresent(n -> section(tree, "training").put("epochsStageOne", n).put("epochsStageTwo", n));
    args.deployLambda().ifPresent(l -> section(tree, "training").put("deployLambda", l));
  }

  private static ObjectNode section(ObjectNode tree, String name) {
    JsonNode n = tree.path(name);
    return n.isObject() ? (ObjectNode) n : tree.putObject(name);
  }

  /** The axes (and settings) the runner cannot apply to a running platform, each with why. */
  static List<Problem> unsupported(Scenario s) {
    List<Problem> out = new ArrayList<>();
    for (String axis : s.sweep().axes().keySet()) {
      why(axis).ifPresent(w -> out.add(new Problem("sweep.axes." + axis, s.sweep().axes().get(axis).toString(), w)));
    }
    ChannelConfig ref = ChannelConfig.reference();
    ChannelConfig pl = s.cell().pathLoss();
    ChannelConfig same = new ChannelConfig(ref.carrierFrequencyHz(), ref.bsHeightM(), ref.ueHeightM(),
        ref.ricianKFactorDb(), pl.shadowingEnabled(), pl.fadingEnabled(), ref.shadowingDecorrelationLosM(),
        ref.shadowingDecorrelationNlosM(), ref.losCorrelationDistanceM());
    if (!pl.equals(same)) {
      out.add(new Problem("cell.pathLoss", pl.toString(), "the devices' path-loss model takes only shadowing and"
          + " fading as settings; other cell.pathLoss values are not supported by the runner yet"));
    }
    if (!(s.dataset() instanceof DatasetSpec.Synthetic)) {
      out.add(new Problem("dataset.source", s.dataset().source(),
          "the scenario runner addresses synthetic test samples only; pickle datasets are not supported yet"));
    }
    return out;
  }

  /** The devices.* and cell.* axes {@link PointFleet} applies at run time. */
  static final java.util.regex.Pattern FLEET_AXES = java.util.regex.Pattern.compile(
      "devices\\.(video|audio|text)\\.(count|sensingRateBps|txPowerDbm|distanceM|angleDeg|cpuHz|flopsPerCycle|kappa"
      + "|mobility\\.(type|minSpeedMps|maxSpeedMps|pauseSeconds))"
      + "|cell\\.(unitBandwidthHz|noiseFigureDb|bsAntennas|pathLoss\\.shadowing|pathLoss\\.fading)");

  /** Why the runner cannot sweep {@code axis}; empty when it can. */
  static Optional<String> why(String axis) {
    if (axis.equals("cell.bandwidthHz") || axis.startsWith("training.")
        || List.of("serving.deadlineSeconds", "serving.objective", "serving.samplesPerPoint", "serving.samplesPerTask",
            "serving.tasksInFlight").contains(axis)) {
      return Optional.empty();
    }
    if (FLEET_AXES.matcher(axis).matches()) {
      return Optional.empty(); // PointFleet: through the device-services' fleet API and the BS's PUT /api/cell
    }
    if (axis.startsWith("devices.")) {
      return Optional.of("not a device setting the fleet API changes (sweepable: devices.<modality>.count, "
          + "sensingRateBps, txPowerDbm, distanceM, angleDeg, cpuHz, flopsPerCycle, kappa, mobility.type, "
          + "mobility.minSpeedMps, mobility.maxSpeedMps, mobility.pauseSeconds)");
    }
    if (axis.startsWith("cell.")) {
      return Optional.of("not changeable at run time (sweepable cell keys: bandwidthHz, unitBandwidthHz, noiseFigureDb, "
          + "bsAntennas, pathLoss.shadowing, pathLoss.fading; the other path-loss values and radiusM are start-up "
          + "settings of the devices' channel model and the BS's plausibility check)");
    }
    if (axis.startsWith("dataset.")) {
      return Optional.of("dataset axes need the BS and the devices to reload their dataset at run time, not supported yet");
    }
    return Optional.of("a start-up setting of the services (no runtime API changes it yet), not sweepable yet");
  }
}
