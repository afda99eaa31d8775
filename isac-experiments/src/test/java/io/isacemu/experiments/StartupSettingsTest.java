package io.isacemu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupSettingsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a platform started from {@code s} reports. */
  private static JsonNode[] reports(Scenario s) {
    ObjectNode cell = JSON.createObjectNode().put("bandwidthHz", 1.0).put("unitBandwidthHz", s.cell().unitBandwidthHz())
        .put("noiseFigureDb", s.cell().noiseFigureDb()).put("bsAntennas", s.cell().bsAntennas());
    SyntheticConfig d = ((DatasetSpec.Synthetic) s.dataset()).config();
    ObjectNode dataset = JSON.createObjectNode().put("source", "synthetic").put("testSize", d.testSize());
    dataset.putObject("sequenceLengths").put("video", d.sequenceLength()).put("audio", d.sequenceLength())
        .put("text", d.sequenceLength());
    ObjectNode emulation = JSON.createObjectNode().put("seed", s.seed());
    ArrayNode devices = JSON.createArrayNode();
    for (Modality m : Modality.values()) {
      DeviceGroup g = s.devices().get(m);
      for (int i = 0; i < g.count(); i++) {
        devices.addObject().put("deviceId", m + "-" + i).put("modality", m.name()).put("status", "LIVE")
            .put("sensingRateBps", g.sensingRateBps()).put("cpuHz", g.processor().cpuHz())
            .put("flopsPerCycle", g.processor().flopsPerCycle());
      }
    }
    return new JsonNode[] {cell, dataset, emulation, devices};
  }

  private static List<Problem> check(Scenario s, JsonNode[] r) {
    return StartupSettings.differences(s, r[0], r[1], r[2], r[3]);
  }

  @Test
  void theScenarioThePlatformWasStartedFromMatchesWhateverItsBand() {
    Scenario s = Scenarios.load("cell:\n  bandwidthHz: 5e6\n", "s.yaml");
    assertThat(check(s, reports(s))).isEmpty();
  }

  @Test
  void eachStartUpSettingThatDiffersIsNamedByItsKeyPathAndValue() {
    Scenario platform = Scenario.DEFAULTS;
    Scenario posted = Scenarios.load("cell:\n  noiseFigureDb: 3\ndevices:\n  video:\n    count: 2\n"
        + "  audio:\n    sensingRateBps: 1000\n", "s.yaml");
    List<Problem> p = check(posted, reports(platform));
    assertThat(p).extracting(Problem::keyPath)
        .containsExactlyInAnyOrder("cell.noiseFigureDb", "devices.video.count", "devices.audio.sensingRateBps");
    assertThat(p.get(0).message()).contains("3").contains("differs from the running platform's");
  }

  @Test
  void thePlatformSeedMattersOnlyWithOneReplication() {
    Scenario one = Scenarios.load("seed: 99\n", "s.yaml");
    Scenario three = Scenarios.load("seed: 99\nreplications: 3\n", "s.yaml");
    assertThat(check(one, reports(Scenario.DEFAULTS))).extracting(Problem::keyPath).containsExactly("seed");
    assertThat(check(three, reports(Scenario.DEFAULTS))).isEmpty();
  }
}
