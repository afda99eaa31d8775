package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.learning.deploy.DeployRule;
import io.isacemu.learning.deploy.Deployment;
import io.isacemu.learning.deploy.FrontierPoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metadata.json without DJL: the deployment and engine fields round-trip, older bundles still read. */
class BundleMetadataCodecTest {

  private static final GateExpertCost T = new GateExpertCost(0.01, 0.1, 1e3, 1e6);
  private static final GateExpertCost VAT = new GateExpertCost(0.1, 1.0, 1e4, 1e7);

  private static BundleMetadata meta(Deployment deployment, EngineSettings engine) {
    return new BundleMetadata(BundleMetadataCodec.FORMAT_VERSION, "2026-01-01T00:00:00Z", ArchitecturePreset.demo(), List.of("T", "V+A+T"), "T", 0,
        Map.of(Modality.TEXT, 8, Modality.VIDEO, 4, Modality.AUDIO, 4),
        Map.of(Modality.TEXT, 5, Modality.VIDEO, 5, Modality.AUDIO, 5), "L1", 0.5, "ENERGY",
        Map.of("T", T, "V+A+T", VAT), "toy", "abc", Map.of("acc2HasZero", 0.78, "pearson", Double.NaN),
        Map.of("T", 0.6, "V+A+T", 0.4), Map.of("gate", List.of("w=(2, 3)")), List.of("T", "V+A+T"), null,
        deployment, engine);
  }

  private static Deployment deployment(DeployRule rule) {
    List<FrontierPoint> frontier = List.of(new FrontierPoint(0.0, 0.80, 0.9, VAT), new FrontierPoint(0.5, 0.78, 0.3, T));
    return new Deployment(rule, 0.5, false, "no gate meets it", 0.81, frontier);
  }

  private static final EngineSettings ENGINE =
      new EngineSettings("0.36.0", "2.7.1", 1, 1, Map.of("ai.djl.pytorch.num_threads", "1"));

  @Test
  void deploymentAndEngineRoundTrip() {
    for (DeployRule rule : List.of(new DeployRule.ByLambda(0.5), new DeployRule.MaxAccuracyLoss(1.0),
        new DeployRule.CostBudget(CostMetric.ENERGY, 0.5), DeployRule.NearBestGate.DEFAULT)) {
      BundleMetadata m = meta(deployment(rule), ENGINE);
      BundleMetadata back = BundleMetadataCodec.decode(BundleMetadataCodec.toJson(m));
      assertThat(back).isEqualTo(m);
      assertThat(back.deployRule()).isEqualTo(rule);
      assertThat(back.deployed().orElseThrow().frontier()).hasSize(2);
      assertThat(back.engineSettings()).contains(ENGINE);
    }
    String json = new String(BundleMetadataCodec.toJson(meta(deployment(new DeployRule.CostBudget(CostMetric.BITS,
        2e3)), ENGINE)), StandardCharsets.UTF_8);
    assertThat(json).contains("\"rule\": \"costBudget bits 2000.0\"");
  }

  @Test
  void anOlderBundleReadsAsChosenByItsLambda() {
    JsonObject o = JsonParser.parseString(new String(BundleMetadataCodec.toJson(
        meta(deployment(DeployRule.NearBestGate.DEFAULT), ENGINE)), StandardCharsets.UTF_8)).getAsJsonObject();
    o.remove("deployment");
    o.remove("engine");
    BundleMetadata old = BundleMetadataCodec.decode(o.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(old.deployed()).isEmpty();
    assertThat(old.engineSettings()).isEmpty();
    assertThat(old.deployRule()).isEqualTo(new DeployRule.ByLambda(0.5));
  }

  @Test
  void anInvalidRuleIsRefusedNamingTheField() {
    String json = new String(BundleMetadataCodec.toJson(meta(deployment(new DeployRule.MaxAccuracyLoss(1)), ENGINE)),
        StandardCharsets.UTF_8).replace("maxAccuracyLoss 1.0", "maxAccuracyLoss -4");
    assertThatThrownBy(() -> BundleMetadataCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleException.class).hasMessageContaining("maxAccuracyLoss: -4.0");
  }

  @Test
  void aFormatOneBundleLoadsAsEveryModalitySharingItsOneSequenceLength() {
    JsonObject o = JsonParser.parseString(new String(BundleMetadataCodec.toJson(
        meta(deployment(DeployRule.NearBestGate.DEFAULT), ENGINE)), StandardCharsets.UTF_8)).getAsJsonObject();
    o.remove("sequenceLengths");
    o.addProperty("sequenceLength", 7);
    o.addProperty("formatVersion", 1);
    BundleMetadata old = BundleMetadataCodec.decode(o.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(old.sequenceLengths()).isEqualTo(Map.of(Modality.TEXT, 7, Modality.VIDEO, 7, Modality.AUDIO, 7));
    assertThat(old.formatVersion()).isEqualTo(1);
  }

  @Test
  void anotherFormatVersionIsRefusedNamingBoth() {
    JsonObject o = JsonParser.parseString(new String(BundleMetadataCodec.toJson(
        meta(deployment(DeployRule.NearBestGate.DEFAULT), ENGINE)), StandardCharsets.UTF_8)).getAsJsonObject();
    o.addProperty("formatVersion", 3);
    assertThatThrownBy(() -> BundleMetadataCodec.decode(o.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleException.class).hasMessageContaining("formatVersion 3").hasMessageContaining("1 or 2");
  }

  @Test
  void perModalityLengthsRoundTrip() {
    String json = new String(BundleMetadataCodec.toJson(meta(deployment(DeployRule.NearBestGate.DEFAULT), ENGINE)),
        StandardCharsets.UTF_8);
    assertThat(json).contains("\"formatVersion\": 2").contains("\"sequenceLengths\"");
  }
}
