package io.isacemu.bs.support;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.learning.ArchitecturePreset;
import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.LearningConfig;
import io.isacemu.learning.ModelBundle;
import io.isacemu.learning.TrainingJob;
import io.isacemu.learning.TrainingListener;
import io.isacemu.learning.TrainingResult;
import io.isacemu.learning.deploy.DeployRule;
import io.isacemu.learning.deploy.DeploySelection;
import io.isacemu.learning.deploy.Deployment;
import io.isacemu.learning.deploy.FrontierPoint;
import io.isacemu.proto.BundleArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The ONE tiny trained model of the test suite (DJL is heavy): experts T and V+A+T, an on-demand
 * gate reading text only and a full gate (every modality) beside it, trained one epoch per stage on
 * the small test dataset, saved with {@link ModelBundle#save} and packed like the training service
 * packs bundles (a zip of the bundle directory plus {@code bundle-manifest.json}). Built once per
 * JVM. The cheap gate takes no network state: a one-epoch state-fed gate routes every sample to
 * V+A+T here (measured), which would hide the on-demand savings the end-to-end test checks; the
 * state path is covered by TaskEngineTest (the BS's vector equals training's).
 */
public final class TestBundle {

  /** Small dataset shared by the BS and the fake devices: 48/16/40 samples, T = 4. */
  public static final SyntheticConfig DATASET = SyntheticConfig.defaults().withSizes(48, 16, 40).withSequenceLength(4);

  /** The rule the bundle's gate was chosen by. */
  public static final DeployRule BUDGET = new DeployRule.CostBudget(CostMetric.LATENCY, 0.05);

  /** The bundle's creation time and its archive entries' time: the same bytes every run. */
  private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

  private static volatile byte[] zip;
  private static volatile MultimodalDataset dataset;

  private TestBundle() {}

  /** The test dataset (generated once). */
  public static synchronized MultimodalDataset dataset() {
    if (dataset == null) {
      dataset = SyntheticDataset.generate(DATASET);
    }
    return dataset;
  }

  /** The packed bundle (trained once). */
  public static synchronized byte[] zip() {
    if (zip == null) {
      zip = build();
    }
    return zip.clone();
  }

  private static byte[] build() {
    MultimodalDataset data = dataset();
    Map<Modality, Integer> w = Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 4);
    ArchitecturePreset tiny = new ArchitecturePreset("tiny", w, 1, 1, 1, List.of(4), List.of(4), 4, 1, 1, 4, 0.0);
    LearningConfig config = LearningConfig.builder()
        .preset(tiny)
        .experts(List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()))
        .onDemandGate(ModalitySet.of(Modality.TEXT), 0)
        .alsoFullGate(true)
        .expertEpochs(1).gateEpochs(1).batchSize(16).patience(1).seed(3)
        .build();
    GateCostTable costs = new GateCostTable(Map.of(
        "T", new GateExpertCost(0.01, 0.1, 1e3, 1e6),
        "V+A+T", new GateExpertCost(0.1, 1.0, 1e5, 1e7)), CostMetric.LATENCY);
    try (TrainingResult result = new TrainingJob(config, costs, TrainingListener.none())
        .run(data.train(), data.valid(), GateFeatures.none())) {
      TrainingResult.GateRun run = result.gated().get(0);
      TrainingResult.GateRun full = result.fullGated().get(0);
      Path tmp = Files.createTempDirectory("bs-test-bundle-");
      // chosen by a budget, so that GET /api/model has a rule to show (one λ: it is the one deployed)
      Deployment deployment = DeploySelection.select(BUDGET, List.of(new FrontierPoint(run.lambda(),
          run.valid().metrics().acc2HasZero(), run.valid().routing().expectedNormalisedCost(),
          run.valid().routing().expected())), result.experts().get(1).validMetrics().acc2HasZero());
      ModelBundle.save(run.model(), run.valid(),
          java.util.Optional.of(new ModelBundle.FullGate(full.model(), full.valid())), java.util.Optional.of(deployment),
          tmp.resolve("model"), "synthetic", data.fingerprint(), Clock.fixed(BUILT, ZoneOffset.UTC));
      // tmp holds model/ only: the archive is model/<files> plus the manifest, as the training service packs it
      return BundleArchive.pack("{\"version\":\"test\"}".getBytes(StandardCharsets.UTF_8), tmp, BUILT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
