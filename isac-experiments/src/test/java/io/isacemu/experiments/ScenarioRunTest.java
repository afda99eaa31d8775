package io.isacemu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunTest {

  private static final String SWEEP = String.join("\n",
      "serving:", "  modes: [fixed:T, on-demand]", "  samplesPerPoint: 4", "  tasksInFlight: 2",
      "sweep:", "  axes:", "    cell.bandwidthHz: [1.4e6, 20e6]", "");

  @TempDir Path dir;

  private final FakePlatform platform = new FakePlatform();
  private final List<String> trained = new ArrayList<>();
  private final AtomicLong ticks = new AtomicLong();

  private ScenarioRun.Ran run(String yaml) throws Exception {
    Scenario s = Scenarios.load(yaml, "sweep.yaml");
    ScenarioRun run = new ScenarioRun(s, "sweep", dir, platform, first -> {
      trained.add(first.trainingFingerprint());
      return new TrainingStep.Trained("v1", FakePlatform.JSON.createArrayNode(), Map.of("T", 1000.0));
    }, (fmt, args) -> { }, () -> ticks.addAndGet(1_000_000_000L));
    return run.run();
  }

  @Test
  void eachPointAppliesItsBandTrainsOnceAndRecordsWhatTheBsReportedBack() throws Exception {
    ScenarioRun.Ran ran = run(SWEEP);
    assertThat(trained).hasSize(1);
    assertThat(platform.cells).containsExactly(1.4e6, 20e6);
    assertThat(platform.replicationSeeds).as("one replication needs no emulation reset").isEmpty();
    assertThat(platform.maxOpen).isLessThanOrEqualTo(2);
    assertThat(ran.samples()).hasSize(2 * 2 * 4);
    assertThat(ran.partial()).isFalse();
    JsonNode points = new ObjectMapper().readTree(Files.readString(dir.resolve("points.json")));
    assertThat(points).hasSize(2);
    assertThat(points.get(0).path("cell").path("bandwidthHz").asDouble()).isEqualTo(1.4e6);
    assertThat(points.get(0).path("cell").path("units").asInt()).isEqualTo(7);
    assertThat(points.get(1).path("cell").path("bandwidthHz").asDouble()).isEqualTo(20e6);
    assertThat(points.get(0).path("axisValues").path("cell.bandwidthHz").asText()).isEqualTo("1400000");
    JsonNode run = new ObjectMapper().readTree(Files.readString(dir.resolve("run.json")));
    assertThat(run.path("status").asText()).isEqualTo("complete");
    assertThat(run.path("trainingCache").path("summary").asText()).isEqualTo("training cache: 1 job for 2 points");
    List<String> csv = Files.readAllLines(dir.resolve("samples.csv"));
    assertThat(csv).hasSize(1 + 16);
    assertThat(csv.get(0)).contains("cell.bandwidthHz").contains("replication");
    assertThat(Files.readString(dir.resolve("summary.csv")).lines()).hasSize(1 + 4);
    assertThat(Files.readString(dir.resolve("scenario.yaml"))).contains("cell.bandwidthHz");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("training cache: 1 job for 2 points");
    try (var plots = Files.list(dir.resolve("plots"))) {
      assertThat(plots.map(p -> p.getFileName().toString()).toList()).contains("sweep-a0-latency_mean_s.png",
          "sweep-a0-latency_mean_s.svg");
    }
  }

  @Test
  void replicationsStartWithSeedPlusRAndShuffleTheSampleOrder() throws Exception {
    ScenarioRun.Ran ran = run(SWEEP + "replications: 2\nseed: 100\n");
    assertThat(platform.replicationSeeds).containsExactly(100L, 101L, 100L, 101L);
    assertThat(ran.samples()).hasSize(2 * 2 * 2 * 4);
    assertThat(ran.samples().stream().map(s -> s.replication()).distinct()).containsExactly(0, 1);
  }

  @Test
  void aFailedPointIsRecordedWithItsReasonAndTheSweepGoesOn() throws Exception {
    platform.refusedBand = OptionalDouble.of(1.4e6);
    ScenarioRun.Ran ran = run(SWEEP);
    assertThat(ran.partial()).isTrue();
    assertThat(ran.samples()).allMatch(s -> s.point() == 1).hasSize(2 * 4);
    JsonNode run = new ObjectMapper().readTree(Files.readString(dir.resolve("run.json")));
    assertThat(run.path("status").asText()).isEqualTo("partial");
    assertThat(run.path("failures").get(0).path("reason").asText()).contains("cell not applied").contains("400");
    assertThat(Files.readString(dir.resolve("summary.csv"))).contains("point failed: cell not applied");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("PARTIAL");
  }
}
