package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.experiments.ScenarioFile;
import io.isacemu.scenario.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file end to end on the real services (five JVMs on loopback, as {@code ./run.sh
 * SCENARIO.yaml} starts them): a 2-point bandwidth sweep, trained once, each point's band applied
 * through {@code PUT /api/cell} on the running BS. Scenario profile (needs the packaged jars).
 */
class ScenarioSweepIT {

  private static final String SWEEP = String.join("\n",
      "training:", "  lambdas: [0.5]", "  deployLambda: 0.5", "  epochsStageOne: 1", "  epochsStageTwo: 1",
      "serving:", "  modes: [fixed:T, on-demand]", "  samplesPerPoint: 6", "  timeScale: 0",
      "sweep:", "  axes:", "    cell.bandwidthHz: [1.4e6, 20e6]", "");

  @TempDir Path out;

  @Test
  void aTwoPointBandwidthSweepRunsOnTheRunningPlatform() throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    Path file = Files.writeString(out.resolve("tiny-bandwidth.yaml"), SWEEP);
    DemoArgs args = DemoArgs.scenario(repo, out, file, 200, 20, Set.of());
    Scenario s = ScenarioFile.load(file, args.overrides());
    DemoLauncher demo = new DemoLauncher(args, Optional.of(s));
    try {
      demo.run();
    } finally {
      demo.stopAll();
    }
    Path dir = demo.runDir();
    assertThat(dir.getParent().getFileName().toString()).isEqualTo("tiny-bandwidth");
    for (String f : List.of("scenario.yaml", "samples.csv", "summary.csv", "summary.json", "report.html",
        "points.json", "run.json", "plots/sweep-a0-latency_mean_s.png", "plots/sweep-a0-latency_mean_s.svg")) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode run = json.readTree(Files.readString(dir.resolve("run.json")));
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("complete");
    assertThat(run.path("trainingCache").path("summary").asText()).isEqualTo("training cache: 1 job for 2 points");
    JsonNode points = json.readTree(Files.readString(dir.resolve("points.json")));
    assertThat(points.get(0).path("cell").path("bandwidthHz").asDouble()).isEqualTo(1.4e6);
    assertThat(points.get(0).path("cell").path("units").asInt()).isEqualTo(7);
    assertThat(points.get(1).path("cell").path("bandwidthHz").asDouble()).isEqualTo(20e6);
    assertThat(points.get(1).path("cell").path("units").asInt()).isEqualTo(111);
    // 2 points × 2 modes × 6 samples, one replication
    assertThat(Files.readAllLines(dir.resolve("samples.csv"))).hasSize(1 + 24);
    assertThat(Files.readString(dir.resolve("summary.csv")).lines()).hasSize(1 + 4);
  }
}
