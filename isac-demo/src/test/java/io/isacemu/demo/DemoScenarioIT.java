package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end, as a user runs it: five service JVMs on loopback (training, BS, three
 * devices), a real (small) training run, the BS fetching the bundle over gRPC, every gate mode
 * through the emulated network. Runs in the {@code scenario} profile (needs the packaged jars).
 */
class DemoScenarioIT {

  @TempDir Path out;

  @Test
  void everyModeRunsThroughTheEmulatedNetwork() throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    DemoLauncher demo = new DemoLauncher(DemoArgs.local(repo, out, 24, 3, 0.5));
    try {
      demo.run();
    } finally {
      demo.stopAll();
    }
    JsonNode all = new ObjectMapper().readTree(Files.readString(out.resolve("table1.json")));
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    for (JsonNode r : all.path("rows")) {
      rows.put(r.path("name").asText(), r);
    }
    assertThat(rows.keySet()).containsExactly(
        "V", "A", "T", "V+A+T", "dynamic fusion (full)", "dynamic fusion (on-demand)");
    // every task reached a terminal state and was counted (one sample per task)
    rows.values().forEach(r -> assertThat(r.path("tasks").asInt()).isEqualTo(24));
    // text alone is faster and lighter on the air than V+A+T
    assertThat(rows.get("T").path("meanLatencySeconds").asDouble())
        .isLessThan(rows.get("V+A+T").path("meanLatencySeconds").asDouble());
    assertThat(rows.get("T").path("bits").asDouble()).isLessThan(rows.get("V+A+T").path("bits").asDouble());
    // on-demand never sends more than full (it fetches V and A only for samples routed to them)
    assertThat(rows.get("dynamic fusion (on-demand)").path("bits").asDouble())
        .isLessThanOrEqualTo(rows.get("dynamic fusion (full)").path("bits").asDouble());
    assertThat(Files.readString(out.resolve("table1.csv")).lines()).hasSize(7);
    assertThat(all.path("trainingTable")).hasSizeGreaterThanOrEqualTo(5);
  }
}
