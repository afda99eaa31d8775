package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

  @TempDir Path tmp;
  private final ToySplit data = ToySplit.generate(40, 5, 9);
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private GatedModel model;

  static ModelDescription description(double lambda) {
    return new ModelDescription(
        ArchitecturePreset.demo(),
        List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()),
        ModalitySet.of(Modality.TEXT),
        2,
        Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 8),
        Map.of(Modality.VIDEO, 5, Modality.AUDIO, 5, Modality.TEXT, 5),
        TaskLoss.L1,
        lambda,
        TestCosts.table(CostMetric.LATENCY));
  }

  static final GateFeatures STATE = (split, i) -> new float[] {10f + i % 7, i % 3};

  @BeforeEach
  void create() {
    Engine.getInstance().setRandomSeed(4);
    model = GatedModel.create(description(0.5));
  }

  @AfterEach
  void close() {
    model.close();
  }

  private Path save(String name) {
    return ModelBundle.save(model, tmp.resolve(name), "toy", "abc123", model.evaluate(data, STATE), clock);
  }

  @Test
  void recordsTheDeploymentAndTheEngineInEffect() {
    GatedEvaluation ev = model.evaluate(data, STATE);
    var point = new io.isacemu.learning.deploy.FrontierPoint(0.5, ev.metrics().acc2HasZero(),
        ev.routing().expectedNormalisedCost(), ev.routing().expected());
    var d = io.isacemu.learning.deploy.DeploySelection.select(
        new io.isacemu.learning.deploy.DeployRule.MaxAccuracyLoss(100), List.of(point), 0.9);
    Path dir = ModelBundle.save(model, ev, java.util.Optional.empty(), java.util.Optional.of(d), tmp.resolve("d"),
        "toy", "abc123", clock);
    BundleMetadata meta = ModelBundle.readMetadata(dir);
    assertThat(meta.deployed()).contains(d);
    EngineSettings e = meta.engineSettings().orElseThrow();
    assertThat(e.djlVersion()).isEqualTo("0.36.0");
    assertThat(e.pytorchVersion()).startsWith("2.");
    // the surefire configuration pins both to 1: the engine reports what is in effect
    assertThat(e.intraOpThreads()).isEqualTo(Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "1")));
    assertThat(e.interOpThreads()).isPositive();
    assertThat(ModelBundle.readMetadata(save("plain")).deployRule())
        .isEqualTo(new io.isacemu.learning.deploy.DeployRule.ByLambda(0.5));
  }

  @Test
  void roundTripGivesTheSamePredictions() throws Exception {
    Prediction before = model.predict(data, STATE);
    Path dir = save("b1");
    try (GatedModel loaded = ModelBundle.load(dir)) {
      Prediction after = loaded.predict(data, STATE);
      assertThat(after.values()).containsExactly(before.values());
      assertThat(after.chosenExpert()).containsExactly(before.chosenExpert());
      assertThat(loaded.description()).isEqualTo(model.description());
    }
    BundleMetadata meta = ModelBundle.readMetadata(dir);
    assertThat(meta.createdAt()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(meta.datasetFingerprint()).isEqualTo("abc123");
    assertThat(meta.experts()).containsExactly("T", "V+A+T");
    assertThat(meta.lambda()).isEqualTo(0.5);
    assertThat(meta.metrics()).containsKeys("acc2NonZero", "mae", "expectedLatencySeconds");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("b1"); // no temp leftovers
    }
  }

  @Test
  void corruptedParametersAreRefusedAndTheHeldModelStaysUsable() throws Exception {
    Path dir = save("b2");
    Path f = dir.resolve("expert-1.params");
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(f, bytes);
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("expert-1.params");
    assertThat(model.predict(data, STATE).values()).hasSize(data.size());
  }

  @Test
  void truncatedBundleIsRefused() throws Exception {
    Path dir = save("b3");
    Path f = dir.resolve("gate.params");
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(BundleException.class).hasMessageContaining("gate.params");
  }

  @Test
  void missingManifestOrFileMeansPartial() throws Exception {
    Path dir = save("b4");
    Files.delete(dir.resolve("expert-0.params"));
    assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(BundleException.class)
        .hasMessageContaining("partial").hasMessageContaining("expert-0.params");
    Files.delete(dir.resolve(BundleFiles.MANIFEST));
    assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(BundleException.class)
        .hasMessageContaining("partial").hasMessageContaining("MANIFEST");
  }

  @Test
  void architectureMismatchIsRefusedEvenWithValidChecksums() throws Exception {
    Path dir = save("b5");
    Path meta = dir.resolve(BundleFiles.METADATA);
    String json = Files.readString(meta).replace("\"gateWidth\": 16", "\"gateWidth\": 32");
    assertThat(json).contains("\"gateWidth\": 32");
    Files.writeString(meta, json);
    // re-sign the manifest so that only the architecture check can catch it
    StringBuilder manifest = new StringBuilder();
    for (String line : Files.readAllLines(dir.resolve(BundleFiles.MANIFEST))) {
      String name = line.split("  ", 2)[1];
      manifest.append(BundleFiles.sha256(Files.readAllBytes(dir.resolve(name)))).append("  ").append(name).append('\n');
    }
    Files.writeString(dir.resolve(BundleFiles.MANIFEST), manifest.toString(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(BundleException.class)
        .hasMessageContaining("architecture mismatch");
  }

  @Test
  void existingTargetIsNotOverwritten() {
    save("b6");
    assertThatThrownBy(() -> save("b6")).isInstanceOf(BundleException.class).hasMessageContaining("already exists");
  }
}
