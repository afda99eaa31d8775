package io.isacemu.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file in the repository's {@code scenarios/} loads, expands, and round-trips. */
class ScenarioFilesTest {

  static final Path DIR = Path.of(System.getProperty("isac.scenarios.dir", "../scenarios"));

  static Map<String, List<SweepPoint>> all() throws IOException {
    Map<String, List<SweepPoint>> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Scenario s = Scenarios.load(f);
        assertThat(Scenarios.load(Scenarios.write(s), f.getFileName().toString())).as(f.toString()).isEqualTo(s);
        out.put(f.getFileName().toString(), Scenarios.expand(s));
      }
    }
    return out;
  }

  @Test
  void everyFileLoadsAndExpands() throws IOException {
    Map<String, List<SweepPoint>> all = all();
    assertThat(all.keySet()).contains("default.yaml", "paper-table1.yaml", "bandwidth-sweep.yaml", "cell-edge.yaml",
        "density.yaml", "mobility.yaml", "lambda-frontier.yaml");
    assertThat(all.get("default.yaml")).hasSize(1);
    assertThat(all.get("default.yaml").get(0).scenario()).isEqualTo(Scenario.DEFAULTS);
    assertThat(all.get("paper-table1.yaml")).hasSize(1);
    assertThat(all.get("bandwidth-sweep.yaml")).hasSize(6);
    assertThat(all.get("cell-edge.yaml")).hasSize(6);
    assertThat(all.get("density.yaml")).hasSize(4);
    assertThat(all.get("mobility.yaml")).hasSize(4);
    assertThat(all.get("lambda-frontier.yaml")).hasSize(7);
  }

  @Test
  void sweepsShareTrainingWhereTheyShould() throws IOException {
    Map<String, List<SweepPoint>> all = all();
    for (String f : List.of("bandwidth-sweep.yaml", "cell-edge.yaml", "density.yaml", "mobility.yaml")) {
      assertThat(all.get(f).stream().map(SweepPoint::trainingFingerprint).distinct()).as(f).hasSize(1);
    }
    assertThat(all.get("lambda-frontier.yaml").stream().map(SweepPoint::trainingFingerprint).distinct()).hasSize(7);
    assertThat(all.get("density.yaml").get(3).scenario().devices().values())
        .allSatisfy(g -> assertThat(g.count()).isEqualTo(8));
    assertThat(all.get("cell-edge.yaml").get(5).scenario().devices().get(Modality.TEXT).distanceM()).isEqualTo(200);
  }
}
