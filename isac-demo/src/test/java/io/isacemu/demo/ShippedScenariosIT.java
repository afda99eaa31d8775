package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.isacemu.experiments.ScenarioFile;
import io.isacemu.scenario.load.ScenarioReader;
import io.isacemu.scenario.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped scenario end to end on the real services, reduced explicitly (here, in the copy
 * that runs, which the run's {@code scenario.yaml} shows): each axis cut to its first and last value,
 * λ 0.5 (plus a swept λ's values), one epoch per stage, two modes, 4 samples per point, one
 * replication, and a MOSEI-size dataset cut to 240/60/60. Asserts that the run
 * is complete and that the axis took effect on the running platform. Scenario profile (needs the
 * packaged jars).
 */
class ShippedScenariosIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;

  /** The shipped file with the reductions above, written under its own name. */
  private Path reduced(Path repo, String name) throws Exception {
    JsonNode tree = ScenarioReader.parse(Files.readString(repo.resolve("scenarios/" + name + ".yaml")), name);
    ObjectNode root = (ObjectNode) tree;
    ObjectNode axes = root.path("sweep").path("axes") instanceof ObjectNode a ? a : JSON.createObjectNode();
    axes.fieldNames().forEachRemaining(k -> {
      ArrayNode values = (ArrayNode) axes.get(k);
      ArrayNode ends = JSON.createArrayNode().add(values.get(0)).add(values.get(values.size() - 1));
      axes.set(k, ends);
    });
    ObjectNode training = root.with("training");
    ArrayNode lambdas = training.putArray("lambdas").add(0.5);
    if (axes.has("training.deployLambda")) { // the swept λ values must be trained
      axes.get("training.deployLambda").forEach(lambdas::add);
    }
    training.put("deployLambda", 0.5).put("epochsStageOne", 1).put("epochsStageTwo", 1);
    JsonNode dataset = root.path("dataset");
    if (dataset.path("trainSize").asInt(0) > 5000) { // paper-table1's MOSEI-size set, cut in the copy
      ((ObjectNode) dataset).put("trainSize", 240).put("validSize", 60).put("testSize", 60);
    }
    ObjectNode serving = root.with("serving");
    serving.putArray("modes").add("fixed:T").add("on-demand");
    serving.put("samplesPerPoint", 4).put("timeScale", 0);
    root.put("replications", 1);
    return Files.writeString(out.resolve(name + ".yaml"), new YAMLMapper().writeValueAsString(root));
  }

  @ParameterizedTest
  @ValueSource(strings = {"density", "cell-edge", "mobility"})
  void aShippedScenarioRunsAndItsAxisTakesEffect(String name) throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    Path file = reduced(repo, name);
    DemoArgs args = DemoArgs.scenario(repo, out, file, 4, 1, Set.of());
    Scenario s = ScenarioFile.load(file, args.overrides());
    DemoLauncher demo = new DemoLauncher(args, Optional.of(s));
    try {
      demo.run();
    } finally {
      demo.stopAll();
    }
    Path dir = demo.runDir();
    JsonNode run = JSON.readTree(Files.readString(dir.resolve("run.json")));
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("complete");
    JsonNode points = JSON.readTree(Files.readString(dir.resolve("points.json")));
    assertThat(points).hasSize(2);
    switch (name) {
      case "density" -> {
        for (int p = 0; p < 2; p++) {
          int n = p == 0 ? 1 : 8;
          JsonNode live = points.get(p).path("fleet").path("bsLive");
          for (String m : List.of("video", "audio", "text")) {
            assertThat(live.path(m)).as("point %d %s LIVE at the BS", p, m).hasSize(n);
            assertThat(live.path(m).get(n - 1).asText()).isEqualTo(m + "-" + (n - 1));
          }
        }
      }
      case "cell-edge" -> {
        assertThat(points.get(1).path("fleet").path("devices").path("text").get(0).path("distanceM").asDouble())
            .isEqualTo(200);
        Map<Integer, Double> snr = meanSnrByPoint(dir.resolve("samples.csv"));
        assertThat(snr.get(1)).as("SNR at 200 m below the SNR at 20 m: %s", snr).isLessThan(snr.get(0) - 10);
      }
      case "mobility" -> {
        for (String m : List.of("video", "audio", "text")) {
          JsonNode mob = points.get(1).path("fleet").path("devices").path(m).get(0).path("mobility");
          assertThat(mob.path("minSpeedMps").asDouble()).as(m).isEqualTo(15);
          assertThat(mob.path("maxSpeedMps").asDouble()).as(m).isEqualTo(30);
          assertThat(points.get(0).path("fleet").path("devices").path(m).get(0).path("mobility")
              .path("maxSpeedMps").asDouble()).isEqualTo(1.5);
        }
      }
      default -> throw new AssertionError(name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "bandwidth-sweep", "lambda-frontier", "paper-table1", "tiny-bandwidth"})
  void theOtherShippedScenariosRunReduced(String name) throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    Path file = reduced(repo, name);
    DemoArgs args = DemoArgs.scenario(repo, out, file, 4, 1, Set.of());
    Scenario s = ScenarioFile.load(file, args.overrides());
    DemoLauncher demo = new DemoLauncher(args, Optional.of(s));
    try {
      demo.run();
    } finally {
      demo.stopAll();
    }
    Path dir = demo.runDir();
    JsonNode run = JSON.readTree(Files.readString(dir.resolve("run.json")));
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("complete");
    JsonNode points = JSON.readTree(Files.readString(dir.resolve("points.json")));
    int expected = s.sweep().axes().isEmpty() ? 1 : 2;
    assertThat(points).as("%s", points).hasSize(expected);
    List<String> rows = Files.readAllLines(dir.resolve("summary.csv"));
    assertThat(rows).as("summary.csv: header + one row per point x mode").hasSize(1 + 2 * expected);
    if (s.sweep().axes().containsKey("cell.bandwidthHz")) {
      assertThat(points.get(0).path("cell").path("bandwidthHz").asDouble()).isEqualTo(1.4e6);
      assertThat(points.get(1).path("cell").path("bandwidthHz").asDouble()).isEqualTo(20e6);
      assertThat(points.get(1).path("cell").path("units").asInt())
          .isGreaterThan(points.get(0).path("cell").path("units").asInt());
    }
  }

  /** Mean of {@code device_snr_db} (every device of every served sample) per {@code point}. */
  static Map<Integer, Double> meanSnrByPoint(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int point = header.indexOf("point");
    int snr = header.indexOf("device_snr_db");
    Map<Integer, List<Double>> by = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f.length <= snr || f[snr].isBlank()) {
        continue;
      }
      for (String v : f[snr].split(";")) {
        by.computeIfAbsent(Integer.parseInt(f[point]), k -> new ArrayList<>()).add(Double.parseDouble(v));
      }
    }
    Map<Integer, Double> mean = new TreeMap<>();
    by.forEach((k, v) -> mean.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    return mean;
  }
}
