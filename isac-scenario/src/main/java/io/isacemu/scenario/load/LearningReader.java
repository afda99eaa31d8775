package io.isacemu.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticProfile;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.Limits;
import io.isacemu.scenario.model.Range;
import io.isacemu.scenario.model.ServingSpec;
import io.isacemu.scenario.model.TrainingSpec;
import io.isacemu.scenario.model.Wire;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sections {@code dataset}, {@code training} and {@code serving}. On a problem a section takes its default. */
final class LearningReader {

  private LearningReader() {}

  private static final List<String> SYNTHETIC_KEYS = List.of("profile", "seed", "trainSize", "validSize", "testSize",
      "sequenceLength", "textOnlyShare", "avOnlyShare", "misleadingTextShare", "featureNoise", "labelNoise");

  /** Each of {@code keys} → {@code variant}, for {@link MapNode#finish(Map)}. */
  static Map<String, String> only(List<String> keys, String variant) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    keys.forEach(k -> m.put(k, variant));
    return m;
  }

  static DatasetSpec dataset(MapNode n) {
    String source = n.choice("source", "synthetic", List.of("synthetic", "pickle"));
    if (source.equals("pickle")) {
      JsonNode raw = n.raw("path");
      boolean missing = raw.isMissingNode() || raw.isNull() || raw.isTextual() && raw.textValue().isBlank();
      if (missing) {
        n.problems().add(n.path("path"), "", "is required when source is pickle");
      }
      String path = missing ? "" : n.string("path", "");
      String format = n.choice("format", "auto", Wire.names(DatasetSpec.PickleFormat.class));
      boolean drop = n.bool("dropAllZeroText", false);
      n.finish(only(SYNTHETIC_KEYS, "source: synthetic"));
      if (path.isBlank()) {
        return DatasetSpec.Synthetic.DEFAULTS; // reported above
      }
      return Build.of(n, () -> (DatasetSpec) new DatasetSpec.Pickle(path,
          Wire.parse(DatasetSpec.PickleFormat.class, format).orElseThrow(), drop)).orElse(DatasetSpec.Synthetic.DEFAULTS);
    }
    // the profile sets the generator's structure and the value of every key left unset
    SyntheticConfig d = SyntheticProfile.parse(n.choice("profile", "default", List.of("default", "paper"))).config();
    long seed = n.longInt("seed", d.seed());
    int train = n.integer("trainSize", d.trainSize(), Limits.SPLIT_SIZE);
    int valid = n.integer("validSize", d.validSize(), Limits.SPLIT_SIZE);
    int test = n.integer("testSize", d.testSize(), Limits.SPLIT_SIZE);
    int t = n.integer("sequenceLength", d.sequenceLength(), Limits.SEQUENCE_LENGTH);
    double textOnly = n.number("textOnlyShare", d.textOnlyShare(), Limits.SHARE);
    double avOnly = n.number("avOnlyShare", d.avOnlyShare(), Limits.SHARE);
    double misleading = n.number("misleadingTextShare", d.misleadingTextShare(), Limits.SHARE);
    double featureNoise = n.number("featureNoise", d.featureNoise(), Limits.FEATURE_NOISE);
    double labelNoise = n.number("labelNoise", d.labelNoise(), Limits.LABEL_NOISE);
    n.finish(only(List.of("path", "format", "dropAllZeroText"), "source: pickle"));
    if (textOnly + avOnly > 1 + 1e-12) {
      // SyntheticConfig's own message names both fields; say it at the second with the sum
      n.problems().add(n.path("avOnlyShare"), Range.show(avOnly),
          Range.show(avOnly) + " + textOnlyShare " + Range.show(textOnly) + " must be <= 1");
      return DatasetSpec.Synthetic.DEFAULTS;
    }
    return Build.of(n, () -> (DatasetSpec) new DatasetSpec.Synthetic(new SyntheticConfig(seed, train, valid, test, t,
        textOnly, avOnly, misleading, featureNoise, labelNoise, d.allTextAmplitude()))).orElse(DatasetSpec.Synthetic.DEFAULTS);
  }

  static TrainingSpec training(MapNode n) {
    TrainingSpec d = TrainingSpec.DEFAULTS;
    String preset = n.choice("preset", Wire.name(d.preset()), Wire.names(TrainingSpec.Preset.class));
    List<ModalitySet> experts = n.list("experts", d.experts(), (p, v) -> modalitySet(n, p, v));
    List<ModalitySet> gateExperts = n.list("gateExperts", d.gateExperts(), (p, v) -> modalitySet(n, p, v));
    List<Double> lambdas = n.list("lambdas", d.lambdas(), (p, v) -> number(n, p, v, Limits.LAMBDA));
    Optional<Double> deploy = deployLambda(n, d.deployLambda());
    int e1 = n.integer("epochsStageOne", d.epochsStageOne(), Limits.EPOCHS);
    int e2 = n.integer("epochsStageTwo", d.epochsStageTwo(), Limits.EPOCHS);
    List<TrainingSpec.Gate> gates = n.list("gates", d.gates(), (p, v) -> choice(n, p, v, TrainingSpec.Gate.class));
    boolean networkState = n.bool("networkState", d.networkState());
    String cost = n.choice("costMetric", Wire.name(d.costMetric()), Wire.names(CostMetric.class));
    double tau0 = n.number("tau0", d.tau0(), Limits.TAU);
    double tauMin = n.number("tauMin", d.tauMin(), Limits.TAU);
    long seed = n.longInt("seed", d.seed());
    int batch = n.integer("batchSize", d.batchSize(), Limits.BATCH_SIZE);
    int patience = n.integer("patience", d.patience(), Limits.PATIENCE);
    n.finish();
    return Build.of(n, () -> new TrainingSpec(Wire.parse(TrainingSpec.Preset.class, preset).orElseThrow(), experts,
        gateExperts, lambdas, deploy, e1, e2, gates, networkState, Wire.parse(CostMetric.class, cost).orElseThrow(),
        tau0, tauMin, seed, batch, patience)).orElse(d);
  }

  static ServingSpec serving(MapNode n) {
    ServingSpec d = ServingSpec.DEFAULTS;
    List<String> modes = n.list("modes", d.modes(), (p, v) -> {
      Optional<String> bad = v.isTextual() ? ServingSpec.modeProblem(v.textValue())
          : Optional.of(MapNode.shown(v) + " is not a text");
      bad.ifPresent(msg -> n.problems().add(p, MapNode.text(v), msg));
      return bad.isPresent() ? Optional.empty() : Optional.of(v.textValue());
    });
    String processing = n.choice("processing", Wire.name(d.processing()), Wire.names(ServingSpec.Processing.class));
    String objective = n.choice("objective", Wire.name(d.objective()), Wire.names(ServingSpec.Objective.class));
    double deadline = n.number("deadlineSeconds", d.deadlineSeconds(), Limits.DEADLINE_S);
    double sensing = n.number("sensingSeconds", d.sensingSeconds(), Limits.SENSING_S);
    int samples = n.integer("samplesPerPoint", d.samplesPerPoint(), Limits.SAMPLES_PER_POINT);
    int perTask = n.integer("samplesPerTask", d.samplesPerTask(), Limits.SAMPLES_PER_TASK);
    int inFlight = n.integer("tasksInFlight", d.tasksInFlight(), Limits.TASKS_IN_FLIGHT);
    double timeScale = n.number("timeScale", d.timeScale(), Limits.TIME_SCALE);
    n.finish();
    return Build.of(n, () -> new ServingSpec(modes, Wire.parse(ServingSpec.Processing.class, processing).orElseThrow(),
        Wire.parse(ServingSpec.Objective.class, objective).orElseThrow(), deadline, sensing, samples, perTask, inFlight,
        timeScale)).orElse(d);
  }

  /** A number or {@code auto} (empty: the training service picks). */
  private static Optional<Double> deployLambda(MapNode n, Optional<Double> dflt) {
    JsonNode v = n.raw("deployLambda");
    if (v.isMissingNode()) {
      return dflt;
    }
    if (v.isTextual() && v.textValue().equals("auto")) {
      return Optional.empty();
    }
    return number(n, n.path("deployLambda"), v, Limits.LAMBDA).or(() -> dflt);
  }

  private static Optional<Double> number(MapNode n, String path, JsonNode v, Range range) {
    Optional<Double> d = MapNode.number(v);
    if (d.isEmpty()) {
      n.problems().add(path, MapNode.text(v), MapNode.shown(v) + " is not a number");
      return Optional.empty();
    }
    Optional<String> bad = range.violation(d.get());
    bad.ifPresent(msg -> n.problems().add(path, MapNode.text(v), msg));
    return bad.isPresent() ? Optional.empty() : d;
  }

  private static <E extends Enum<E>> Optional<E> choice(MapNode n, String path, JsonNode v, Class<E> type) {
    Optional<E> e = v.isTextual() ? Wire.parse(type, v.textValue()) : Optional.empty();
    if (e.isEmpty()) {
      n.problems().add(path, MapNode.text(v), MapNode.shown(v) + " is not one of " + String.join(", ", Wire.names(type)));
    }
    return e;
  }

  private static Optional<ModalitySet> modalitySet(MapNode n, String path, JsonNode v) {
    if (v.isTextual()) {
      try {
        return Optional.of(ModalitySet.parse(v.textValue()));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    n.problems().add(path, MapNode.text(v), MapNode.shown(v) + " is not a modality set (V, A, T joined by +, e.g. V+A+T)");
    return Optional.empty();
  }
}
