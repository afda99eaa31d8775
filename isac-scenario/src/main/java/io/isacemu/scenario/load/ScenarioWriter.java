package io.isacemu.scenario.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.MobilitySpec;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.ServingSpec;
import io.isacemu.scenario.model.SweepSpec;
import io.isacemu.scenario.model.TrainingSpec;
import io.isacemu.scenario.model.Wire;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A resolved scenario as YAML with every key filled in, in the order the reader asks for them, so
 * that {@code read(write(s))} equals {@code s}. Whole numbers are written without a fraction
 * ({@code 20000000}, not {@code 2.0E7}).
 */
public final class ScenarioWriter {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ScenarioWriter() {}

  /** {@code s} as a YAML document. */
  public static String write(Scenario s) {
    try {
      return Yaml.MAPPER.writeValueAsString(tree(s));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code s} as a tree (what the sweep expander edits). */
  public static ObjectNode tree(Scenario s) {
    ObjectNode root = F.objectNode();
    cell(root.putObject("cell"), s);
    root.putObject("mec").set("cpuHz", num(s.mec().cpuHz()));
    ((ObjectNode) root.get("mec")).set("flopsPerCycle", num(s.mec().flopsPerCycle()));
    ObjectNode devices = root.putObject("devices");
    s.devices().forEach((m, g) -> device(devices.putObject(Wire.name(m)), g));
    root.set("dataset", dataset(s.dataset()));
    root.set("training", training(s.training()));
    root.set("serving", serving(s.serving()));
    root.put("replications", s.replications());
    root.put("seed", s.seed());
    root.set("sweep", sweep(s.sweep()));
    return root;
  }

  /** Sections {@code dataset} and {@code training} only: what a training run depends on. */
  public static ObjectNode trainingInputs(Scenario s) {
    ObjectNode root = F.objectNode();
    root.set("dataset", dataset(s.dataset()));
    root.set("training", training(s.training()));
    return root;
  }

  private static void cell(ObjectNode n, Scenario s) {
    n.set("bandwidthHz", num(s.cell().bandwidthHz()));
    n.set("unitBandwidthHz", num(s.cell().unitBandwidthHz()));
    n.put("bsAntennas", s.cell().bsAntennas());
    n.set("radiusM", num(s.cell().radiusM()));
    n.set("noiseFigureDb", num(s.cell().noiseFigureDb()));
    ChannelConfig c = s.cell().pathLoss();
    ObjectNode p = n.putObject("pathLoss");
    p.set("carrierFrequencyHz", num(c.carrierFrequencyHz()));
    p.set("bsHeightM", num(c.bsHeightM()));
    p.set("ueHeightM", num(c.ueHeightM()));
    p.set("ricianKFactorDb", num(c.ricianKFactorDb()));
    p.put("shadowing", c.shadowingEnabled());
    p.put("fading", c.fadingEnabled());
    p.set("shadowingDecorrelationLosM", num(c.shadowingDecorrelationLosM()));
    p.set("shadowingDecorrelationNlosM", num(c.shadowingDecorrelationNlosM()));
    p.set("losCorrelationDistanceM", num(c.losCorrelationDistanceM()));
  }

  private static void device(ObjectNode n, DeviceGroup g) {
    n.put("count", g.count());
    n.set("sensingRateBps", num(g.sensingRateBps()));
    n.set("txPowerDbm", num(g.txPowerDbm()));
    n.set("cpuHz", num(g.processor().cpuHz()));
    n.set("flopsPerCycle", num(g.processor().flopsPerCycle()));
    n.set("kappa", num(g.processor().kappa()));
    n.set("distanceM", num(g.distanceM()));
    n.set("angleDeg", num(g.angleDeg()));
    ObjectNode m = n.putObject("mobility");
    m.put("type", g.mobility().type());
    if (g.mobility() instanceof MobilitySpec.RandomWaypoint w) {
      m.set("minSpeedMps", num(w.minSpeedMps()));
      m.set("maxSpeedMps", num(w.maxSpeedMps()));
      m.set("pauseSeconds", num(w.pauseSeconds()));
    }
  }

  private static ObjectNode dataset(DatasetSpec d) {
    ObjectNode n = F.objectNode();
    n.put("source", d.source());
    if (d instanceof DatasetSpec.Synthetic s) {
        var c = s.config();
        if (!s.settings().profile().equals("default")) {
          n.put("profile", s.settings().profile()); // only when set: the defaults' training fingerprint stays
        }
        n.put("seed", c.seed());
        n.put("trainSize", c.trainSize());
        n.put("validSize", c.validSize());
        n.put("testSize", c.testSize());
        n.put("sequenceLength", c.sequenceLength());
        n.set("textOnlyShare", num(c.textOnlyShare()));
        n.set("avOnlyShare", num(c.avOnlyShare()));
        n.set("misleadingTextShare", num(c.misleadingTextShare()));
        n.set("featureNoise", num(c.featureNoise()));
        n.set("labelNoise", num(c.labelNoise()));
    } else if (d instanceof DatasetSpec.Pickle p) {
        n.put("path", p.path());
        n.put("format", p.format().wireName());
        n.put("dropAllZeroText", p.dropAllZeroText());
    }
    return n;
  }

  private static ObjectNode training(TrainingSpec t) {
    ObjectNode n = F.objectNode();
    n.put("preset", Wire.name(t.preset()));
    n.set("experts", texts(t.experts().stream().map(ModalitySet::name).toList()));
    n.set("gateExperts", texts(t.gateExperts().stream().map(ModalitySet::name).toList()));
    ArrayNode lambdas = n.putArray("lambdas");
    t.lambdas().forEach(l -> lambdas.add(num(l)));
    n.set("deployLambda", t.deployLambda().map(ScenarioWriter::num).orElse(F.textNode("auto")));
    n.put("epochsStageOne", t.epochsStageOne());
    n.put("epochsStageTwo", t.epochsStageTwo());
    n.set("gates", texts(t.gates().stream().map(Wire::name).toList()));
    n.put("networkState", t.networkState());
    n.put("costMetric", Wire.name(t.costMetric()));
    n.set("tau0", num(t.tau0()));
    n.set("tauMin", num(t.tauMin()));
    n.put("seed", t.seed());
    n.put("batchSize", t.batchSize());
    n.put("patience", t.patience());
    return n;
  }

  private static ObjectNode serving(ServingSpec s) {
    ObjectNode n = F.objectNode();
    n.set("modes", texts(s.modes()));
    n.put("processing", Wire.name(s.processing()));
    n.put("objective", Wire.name(s.objective()));
    n.set("deadlineSeconds", num(s.deadlineSeconds()));
    n.set("sensingSeconds", num(s.sensingSeconds()));
    n.put("samplesPerPoint", s.samplesPerPoint());
    n.put("samplesPerTask", s.samplesPerTask());
    n.put("tasksInFlight", s.tasksInFlight());
    n.set("timeScale", num(s.timeScale()));
    return n;
  }

  private static ObjectNode sweep(SweepSpec s) {
    ObjectNode n = F.objectNode();
    n.put("zip", s.zip());
    n.put("maxPoints", s.maxPoints());
    ObjectNode axes = n.putObject("axes");
    s.axes().forEach((path, values) -> {
      ArrayNode a = axes.putArray(path);
      values.forEach(v -> a.add(scalar(v)));
    });
    return n;
  }

  /** A sweep value ({@link Long}, {@link Double}, {@link Boolean}, {@link String}) as a node. */
  public static JsonNode scalar(Object v) {
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Double d) {
      return F.numberNode(d); // stays a double: read back as one
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    return F.textNode(String.valueOf(v));
  }

  private static ArrayNode texts(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /** Whole numbers without a fraction, the rest as doubles. */
  static JsonNode num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return F.numberNode((long) v);
    }
    return F.numberNode(v);
  }
}
