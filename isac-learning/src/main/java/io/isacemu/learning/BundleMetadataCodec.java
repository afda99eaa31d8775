package io.isacemu.learning;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.isacemu.core.cost.CostMetric;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.deploy.DeployRule;
import io.isacemu.learning.deploy.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle's {@code metadata.json}: written from a gated model and its evaluation, read back into
 * {@link BundleMetadata}, and turned into the {@link ModelDescription} a gate is rebuilt from.
 */
final class BundleMetadataCodec {

  /** 2: per-modality {@code sequenceLengths} (format 1 had one {@code sequenceLength} for all). */
  static final int FORMAT_VERSION = 2;

  private static final int SHARED_T_VERSION = 1;

  // a rule is kept as its one-line wire form: Gson cannot tell a sealed interface's records apart
  private static final TypeAdapter<DeployRule> RULE = new TypeAdapter<DeployRule>() {
    @Override
    public void write(JsonWriter out, DeployRule rule) throws IOException {
      out.value(rule.wire());
    }

    @Override
    public DeployRule read(JsonReader in) throws IOException {
      return DeployRule.parse("deployment.rule", in.nextString());
    }
  }.nullSafe();

  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
      .registerTypeHierarchyAdapter(DeployRule.class, RULE).create();

  private BundleMetadataCodec() {}

  /** The metadata of {@code model} (and of {@code fullGate}, stored beside it), UTF-8 JSON. */
  static byte[] encode(
      GatedModel model, String datasetName, String fingerprint, GatedEvaluation ev,
      Optional<ModelBundle.FullGate> fullGate, Optional<Deployment> deployment, Clock clock) {
    ModelDescription d = model.description();
    Map<String, Double> metrics = metrics(ev);
    Map<String, Double> shares = new LinkedHashMap<>(ev.routing().usageShares());
    Map<String, List<String>> shapes = new LinkedHashMap<>();
    shapes.put("gate", shapes(model.block().gate()));
    for (int i = 0; i < model.block().experts().size(); i++) {
      shapes.put("expert" + i, shapes(model.block().experts().get(i)));
    }
    Map<String, GateExpertCost> costs = costs(d);
    BundleMetadata.GateMetadata full = fullGate.map(f -> {
      ModelDescription fd = f.model().description();
      return new BundleMetadata.GateMetadata(BundleFiles.FULL_GATE, fd.gateInputs().name(), fd.networkStateDim(),
          fd.lambda(), fd.costs().selector().name(), costs(fd), metrics(f.evaluation()),
          new LinkedHashMap<>(f.evaluation().routing().usageShares()), shapes(f.model().block().gate()));
    }).orElse(null);
    BundleMetadata meta = new BundleMetadata(
        FORMAT_VERSION, clock.instant().toString(), d.preset(), d.expertNames(), d.gateInputs().name(),
        d.networkStateDim(), d.featureDims(), d.sequenceLengths(), d.taskLoss().name(), d.lambda(),
        d.costs().selector().name(), costs, datasetName, fingerprint, metrics, shares, shapes,
        d.routable().stream().map(ModalitySet::name).toList(), full, deployment.orElse(null),
        EngineSettings.current());
    return toJson(meta);
  }

  /** {@code meta} as UTF-8 JSON. */
  static byte[] toJson(BundleMetadata meta) {
    return GSON.toJson(meta).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses {@code metadata.json}. A format-1 bundle (one {@code sequenceLength}) loads as every
   * modality of {@code featureDims} sharing that {@code T}: that is what its experts were built for.
   *
   * @throws BundleException when it is not valid JSON of format 1 or 2
   */
  static BundleMetadata decode(byte[] json) {
    try {
      JsonElement tree = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
      int version = tree.isJsonObject() && tree.getAsJsonObject().has("formatVersion")
          ? tree.getAsJsonObject().get("formatVersion").getAsInt() : -1;
      if (version != FORMAT_VERSION && version != SHARED_T_VERSION) {
        throw new BundleException("bundle: unsupported formatVersion " + (version < 0 ? "none" : version)
            + " (expected " + SHARED_T_VERSION + " or " + FORMAT_VERSION + ")");
      }
      JsonObject o = tree.getAsJsonObject();
      if (version == SHARED_T_VERSION) {
        sharedSequenceLength(o);
      }
      BundleMetadata m = GSON.fromJson(o, BundleMetadata.class);
      if (m.sequenceLengths() == null) {
        throw new BundleException("bundle: " + BundleFiles.METADATA + " has no sequenceLengths");
      }
      return m;
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw new BundleException("bundle: " + BundleFiles.METADATA + " is not valid: " + e.getMessage(), e);
    }
  }

  // format 1 → 2: the one T becomes every modality's T_m
  private static void sharedSequenceLength(JsonObject o) {
    if (!o.has("sequenceLength") || !o.has("featureDims") || !o.get("featureDims").isJsonObject()) {
      throw new BundleException("bundle: format-1 " + BundleFiles.METADATA + " lacks sequenceLength or featureDims");
    }
    JsonElement t = o.remove("sequenceLength");
    JsonObject lengths = new JsonObject();
    for (String m : o.getAsJsonObject("featureDims").keySet()) {
      lengths.add(m, t);
    }
    o.add("sequenceLengths", lengths);
  }

  /** The description of the bundle's main gate. */
  static ModelDescription mainGate(Path dir, BundleMetadata meta) {
    return description(dir, meta, meta.gateInputs(), meta.networkStateDim(), meta.lambda(), meta.costSelector(),
        meta.costs());
  }

  /** The description of the FULL-input gate {@code f} over the bundle's experts. */
  static ModelDescription fullGate(Path dir, BundleMetadata meta, BundleMetadata.GateMetadata f) {
    return description(dir, meta, f.gateInputs(), f.networkStateDim(), f.lambda(), f.costSelector(), f.costs());
  }

  /** "name=shape" of every parameter of {@code block}, in DJL's parameter order. */
  static List<String> shapes(Block block) {
    List<String> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getKey() + "=" + p.getValue().getArray().getShape());
    }
    return out;
  }

  private static ModelDescription description(Path dir, BundleMetadata meta, String gateInputs, int stateDim,
      double lambda, String selector, Map<String, GateExpertCost> costMap) {
    try {
      List<ModalitySet> experts = meta.experts().stream().map(ModalitySet::parse).toList();
      GateCostTable costs = new GateCostTable(costMap, CostMetric.valueOf(selector));
      List<ModalitySet> routable = meta.routable() == null
          ? experts : meta.routable().stream().map(ModalitySet::parse).toList();
      return new ModelDescription(
          meta.preset(), experts, ModalitySet.parse(gateInputs), stateDim,
          meta.featureDims(), meta.sequenceLengths(), TaskLoss.valueOf(meta.taskLoss()), lambda, costs,
          routable);
    } catch (RuntimeException e) {
      throw new BundleException("bundle: invalid metadata in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Double> metrics(GatedEvaluation ev) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("acc2HasZero", ev.metrics().acc2HasZero());
    metrics.put("acc2NonZero", ev.metrics().acc2NonZero());
    metrics.put("f1Weighted", ev.metrics().f1Weighted());
    metrics.put("acc7", ev.metrics().acc7());
    metrics.put("mae", ev.metrics().mae());
    metrics.put("pearson", ev.metrics().pearson());
    metrics.put("taskLoss", ev.taskLoss());
    metrics.put("objective", ev.objective());
    metrics.put("expectedNormalisedCost", ev.routing().expectedNormalisedCost());
    metrics.put("expectedLatencySeconds", ev.routing().expected().latencySeconds());
    metrics.put("expectedEnergyJoules", ev.routing().expected().energyJoules());
    metrics.put("expectedBits", ev.routing().expected().bits());
    metrics.put("expectedFlops", ev.routing().expected().flops());
    return metrics;
  }

  private static Map<String, GateExpertCost> costs(ModelDescription d) {
    Map<String, GateExpertCost> costs = new LinkedHashMap<>();
    for (String name : d.expertNames()) {
      costs.put(name, d.costs().of(name));
    }
    return costs;
  }
}
