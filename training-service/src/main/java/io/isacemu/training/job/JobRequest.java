package io.isacemu.training.job;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.data.DatasetSettings;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.synthetic.SyntheticProfile;
import io.isacemu.training.engine.DatasetSpec;
import io.isacemu.learning.GateMode;
import io.isacemu.learning.deploy.DeployRule;
import io.isacemu.training.engine.JobSpec;
import io.isacemu.training.engine.Preset;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Body of {@code POST /api/jobs}. Every field may be omitted; omitted fields take the defaults
 * below (dataset, epochs and batch size from the preset).
 *
 * @param preset {@code demo} (default: {@code isac.training.default-preset}) or {@code
 *     mosei-reference}
 * @param dataset data source; default: the preset's synthetic set seeded with {@code seed}
 * @param experts stage I experts as modality sets; default {@code ["V","A","T","V+A+T"]}
 * @param gateExperts experts the gate chooses among; default {@code ["T","V+A+T"]}
 * @param lambdas stage II cost weights λ ≥ 0; default {@code [0.1]}
 * @param epochsStageOne stage I epochs per expert ≥ 1; default from the preset
 * @param epochsStageTwo stage II epochs per λ ≥ 1; default from the preset
 * @param costMetric energy (default: what the on-demand mode saves), latency, bits or flops; λ means the
 *     same for each (costs normalised so the cheapest routable expert costs 0 and the dearest 1 in a
 *     typical state)
 * @param gateMode deprecated (the single gate of older versions): validated ({@code full} or {@code
 *     on-demand}) but no longer selects anything; use {@code gates}
 * @param gates gates to train, any of {@code full} and {@code on-demand}; default both
 * @param networkState whether the on-demand gate reads the network state (state-dependent costs);
 *     default true
 * @param tau0 initial Gumbel-softmax temperature > 0; default 1.0
 * @param tauMin final temperature > 0, ≤ tau0; default 0.1
 * @param seed seed; default 42
 * @param batchSize mini-batch size ≥ 1; default from the preset
 * @param patience early-stopping patience in epochs ≥ 1; default 5
 * @param deployLambda λ whose gate is published (one of {@code lambdas}); default: the cheapest run
 *     within one point of the best validation Acc-2
 * @param maxAccuracyLoss deploy by accuracy instead: the cheapest gate whose validation Acc-2 is at
 *     most this many percentage points (in [0, 100]) below the best fixed gate expert's
 * @param costBudget deploy by cost instead: the most accurate gate within this budget per sample
 *     on validation. At most one of {@code deployLambda}, {@code maxAccuracyLoss} and {@code
 *     costBudget}; when no gate meets the rule the closest is deployed, flagged {@code met=false}
 */
public record JobRequest(
    String preset,
    DatasetRequest dataset,
    List<String> experts,
    List<String> gateExperts,
    List<Double> lambdas,
    Integer epochsStageOne,
    Integer epochsStageTwo,
    String costMetric,
    String gateMode,
    Double tau0,
    Double tauMin,
    Long seed,
    Integer batchSize,
    Integer patience,
    Double deployLambda,
    List<String> gates,
    Boolean networkState,
    Double maxAccuracyLoss,
    CostBudgetRequest costBudget) {

  static final List<String> DEFAULT_EXPERTS = List.of("V", "A", "T", "V+A+T");
  static final List<String> DEFAULT_GATE_EXPERTS = List.of("T", "V+A+T");
  static final List<Double> DEFAULT_LAMBDAS = List.of(0.1);
  static final long DEFAULT_SEED = 42;

  /**
   * Data source of a job.
   *
   * @param type {@code synthetic} (default) or {@code pickle}
   * @param seed synthetic: generator seed (default: the job's seed)
   * @param trainSize synthetic: training samples ≥ 1 (default from the preset)
   * @param validSize synthetic: validation samples ≥ 1
   * @param testSize synthetic: test samples ≥ 1
   * @param sequenceLength synthetic: steps per sample ≥ 1, every modality (pickle: each T_m from the file)
   * @param path pickle: file path on the service host (required for pickle)
   * @param format pickle: the file's layout, {@code auto} (default: detected from its keys), {@code
   *     multibench} or {@code mmsa}; a file of the other layout is refused
   * @param dropAllZeroText pickle: drop samples with all-zero text features (default true)
   * @param profile synthetic: {@code default} (default) or {@code paper}, the generator's profile
   *     (isac-data {@code SyntheticProfile}); sizes still come from the preset unless given
   * @param featureDims pickle: {@code any} (default) or {@code mosei} (require video 35, audio 74, text 300)
   * @param clipLabels pickle: clip labels outside [−3, 3] and count them (default false: such a label
   *     refuses the file)
   * @param splits pickle: the file's top-level key per split role (train, valid, test), e.g. {@code
   *     {"valid": "dev"}}; roles not named keep their name
   */
  @Schema(name = "DatasetRequest")
  public record DatasetRequest(
      String type,
      Long seed,
      Integer trainSize,
      Integer validSize,
      Integer testSize,
      Integer sequenceLength,
      String path,
      String format,
      Boolean dropAllZeroText,
      String profile,
      String featureDims,
      Boolean clipLabels,
      Map<String, String> splits) {}

  /**
   * A cost budget per sample.
   *
   * @param metric latency (s), energy (J), bits or flops; required
   * @param perSample the budget per sample in the metric's unit, finite and ≥ 0; required
   */
  @Schema(name = "CostBudgetRequest")
  public record CostBudgetRequest(String metric, Double perSample) {}

  /**
   * Applies the defaults and validates.
   *
   * @param defaultPreset preset when none is named
   * @throws IllegalArgumentException naming the field and value of the first invalid input
   */
  public JobSpec toSpec(String defaultPreset) {
    return toSpec(defaultPreset, DataDirectory.NONE);
  }

  /**
   * As {@link #toSpec(String)}, with pickle datasets read from {@code data} only.
   *
   * @throws IllegalArgumentException naming the field and the value, for any invalid value
   */
  public JobSpec toSpec(String defaultPreset, DataDirectory data) {
    Preset p = Preset.parse(preset == null ? defaultPreset : preset);
    long s = seed == null ? DEFAULT_SEED : seed;
    return new JobSpec(
        dataset(p, s, data),
        modalitySets("experts", experts == null ? DEFAULT_EXPERTS : experts),
        modalitySets("gateExperts", gateExperts == null ? DEFAULT_GATE_EXPERTS : gateExperts),
        numbers("lambdas", lambdas == null ? DEFAULT_LAMBDAS : lambdas),
        epochsStageOne == null ? p.epochsStageOne() : epochsStageOne,
        epochsStageTwo == null ? p.epochsStageTwo() : epochsStageTwo,
        p,
        costMetric == null ? CostMetric.ENERGY : CostMetric.parse(costMetric),
        gateModes(),
        networkState == null || networkState,
        tau0 == null ? 1.0 : tau0,
        tauMin == null ? 0.1 : tauMin,
        s,
        batchSize == null ? p.batchSize() : batchSize,
        patience == null ? 5 : patience,
        deployRule());
  }

  private DeployRule deployRule() {
    List<String> named = new ArrayList<>();
    if (deployLambda != null) {
      named.add("deployLambda");
    }
    if (maxAccuracyLoss != null) {
      named.add("maxAccuracyLoss");
    }
    if (costBudget != null) {
      named.add("costBudget");
    }
    if (named.size() > 1) {
      throw InvalidFieldException.rejected(named.get(1), named.get(1).equals("costBudget") ? costBudget : maxAccuracyLoss,
          "cannot be combined with " + named.get(0) + ": name at most one deploy rule");
    }
    if (deployLambda != null) {
      return new DeployRule.ByLambda(deployLambda);
    }
    if (maxAccuracyLoss != null) {
      return new DeployRule.MaxAccuracyLoss(maxAccuracyLoss);
    }
    if (costBudget != null) {
      if (costBudget.metric() == null) {
        throw InvalidFieldException.required("costBudget.metric");
      }
      if (costBudget.perSample() == null) {
        throw InvalidFieldException.required("costBudget.perSample");
      }
      CostMetric metric;
      try {
        metric = CostMetric.parse(costBudget.metric());
      } catch (InvalidFieldException e) {
        throw e.renamed("costBudget.metric");
      }
      return new DeployRule.CostBudget(metric, costBudget.perSample());
    }
    return DeployRule.NearBestGate.DEFAULT;
  }

  private List<GateMode> gateModes() {
    if (gateMode != null) {
      GateMode.parse(gateMode); // still refused when invalid
    }
    if (gates == null) {
      return JobSpec.ALL_GATES;
    }
    List<GateMode> out = new ArrayList<>();
    for (int i = 0; i < gates.size(); i++) {
      try {
        out.add(GateMode.parse(gates.get(i)));
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(
            "gates[" + i + "]", gates.get(i), "unknown value '" + gates.get(i) + "' (expected full or on-demand)", e);
      }
    }
    return out;
  }

  private static SyntheticProfile profile(String value) {
    try {
      return SyntheticProfile.parse(value);
    } catch (InvalidFieldException e) {
      throw e.renamed("dataset.profile");
    }
  }

  private DatasetSpec dataset(Preset p, long jobSeed, DataDirectory data) {
    if (dataset == null) {
      return p.syntheticDataset(jobSeed);
    }
    String type = dataset.type() == null ? "synthetic" : dataset.type().trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "synthetic" -> {
        DatasetSpec.Synthetic d = p.syntheticDataset(dataset.seed() == null ? jobSeed : dataset.seed());
        return new DatasetSpec.Synthetic(
            d.seed(),
            dataset.trainSize() == null ? d.trainSize() : dataset.trainSize(),
            dataset.validSize() == null ? d.validSize() : dataset.validSize(),
            dataset.testSize() == null ? d.testSize() : dataset.testSize(),
            dataset.sequenceLength() == null ? d.sequenceLength() : dataset.sequenceLength(),
            profile(dataset.profile()));
      }
      case "pickle" -> {
        if (dataset.path() == null || dataset.path().isBlank()) {
          throw InvalidFieldException.rejected(
              "dataset.path", dataset.path(), "is required for a pickle dataset");
        }
        boolean drop = dataset.dropAllZeroText() == null || dataset.dropAllZeroText();
        pickleSettings(dataset.path(), drop); // the keys first, before the file system is asked
        return new DatasetSpec.PickleFile(pickleSettings(data.resolve("dataset.path", dataset.path()).toString(), drop));
      }
      default ->
          throw new InvalidFieldException(
              "dataset.type", dataset.type(), "unknown value '" + dataset.type() + "' (expected synthetic or pickle)");
    }
  }

  private DatasetSettings pickleSettings(String file, boolean drop) {
    try {
      return new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null, file,
          dataset.format(), drop, null, dataset.featureDims(), dataset.clipLabels(), dataset.splits());
    } catch (IllegalArgumentException e) {
      // DatasetSettings names its key first ("format: 'x' must be ..."): the same key under dataset.
      int colon = Math.max(0, e.getMessage().indexOf(':'));
      String key = e.getMessage().substring(0, colon);
      Object value = key.equals("featureDims") ? dataset.featureDims()
          : key.startsWith("splits.") ? dataset.splits().get(key.substring("splits.".length())) : dataset.format();
      throw new InvalidFieldException("dataset." + key, value, e.getMessage().substring(colon + 1).strip(), e);
    }
  }

  private static List<ModalitySet> modalitySets(String field, List<String> values) {
    List<ModalitySet> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      try {
        out.add(ModalitySet.parse(v));
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(
            field + "[" + i + "]", v, "unknown value '" + v + "' (expected a modality set such as T or V+A+T)",
            e);
      }
    }
    return out;
  }

  private static List<Double> numbers(String field, List<Double> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new InvalidFieldException(field + "[" + i + "]", null, "null is not a number");
      }
    }
    return values;
  }
}
