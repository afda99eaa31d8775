package io.isacemu.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

  @TempDir Path dir;

  private Scenario load(String yaml) throws Exception {
    return load(yaml, ScenarioOverrides.NONE);
  }

  private Scenario load(String yaml, ScenarioOverrides overrides) throws Exception {
    Path f = Files.writeString(dir.resolve("s.yaml"), yaml);
    return ScenarioFile.load(f, overrides);
  }

  @Test
  void commandLineOptionsOverrideTheFilesValues() throws Exception {
    Scenario s = load("serving:\n  samplesPerPoint: 100\ntraining:\n  epochsStageOne: 9\n",
        new ScenarioOverrides(Optional.of(20), Optional.of(2), Optional.of(0.3)));
    assertThat(s.serving().samplesPerPoint()).isEqualTo(20);
    assertThat(s.training().epochsStageOne()).isEqualTo(2);
    assertThat(s.training().epochsStageTwo()).isEqualTo(2);
    assertThat(s.training().deployLambda()).hasValue(0.3);
    assertThat(load("serving:\n  samplesPerPoint: 100\n").serving().samplesPerPoint()).as("nothing given").isEqualTo(100);
    assertThat(load("", new ScenarioOverrides(Optional.of(7), Optional.empty(), Optional.empty())).serving().samplesPerPoint()).as("empty file").isEqualTo(7);
  }

  @Test
  void theShippedBandwidthSweepLoads() throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    Path f = repo.resolve("scenarios/bandwidth-sweep.yaml");
    Scenario s = ScenarioFile.load(f, new ScenarioOverrides(Optional.of(20), Optional.empty(), Optional.empty()));
    assertThat(s.sweep().axes()).containsKey("cell.bandwidthHz");
  }

  @Test
  void theShippedScenariosLoadWithTheirDeviceAndCellAxes() throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    for (String name : new String[] {"cell-edge", "density", "mobility"}) {
      Path f = repo.resolve("scenarios/" + name + ".yaml");
      Scenario s = ScenarioFile.load(f, new ScenarioOverrides(Optional.empty(), Optional.empty(), Optional.empty()));
      assertThat(s.sweep().axes().keySet()).as(name).allMatch(k -> k.startsWith("devices."));
    }
    assertThat(load("sweep:\n  axes:\n    cell.noiseFigureDb: [5, 9]\n    devices.video.kappa: [1e-28, 5e-28]\n")
        .sweep().axes()).containsKeys("cell.noiseFigureDb", "devices.video.kappa");
    assertThat(load("devices:\n  video:\n    kappa: 3e-28\n").devices().values())
        .anySatisfy(g -> assertThat(g.processor().kappa()).isEqualTo(3e-28));
  }

  @Test
  void axesTheRunningPlatformCannotApplyAreRefusedAtLoadTime() {
    assertThatThrownBy(() -> load("sweep:\n  axes:\n    cell.radiusM: [100, 200]\n"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("sweep.axes.cell.radiusM").hasMessageContaining("not changeable at run time");
    assertThatThrownBy(() -> load("sweep:\n  axes:\n    cell.pathLoss.bsHeightM: [10, 25]\n"))
        .hasMessageContaining("sweep.axes.cell.pathLoss.bsHeightM").hasMessageContaining("not changeable at run time");
    assertThatThrownBy(() -> load("sweep:\n  axes:\n    serving.timeScale: [0, 0.01]\n"))
        .hasMessageContaining("sweep.axes.serving.timeScale").hasMessageContaining("start-up setting");
    assertThatThrownBy(() -> load("cell:\n  pathLoss:\n    bsHeightM: 25\n")).hasMessageContaining("cell.pathLoss");
  }

  @Test
  void aBadValueNamesItsKeyPathAndValue() {
    assertThatThrownBy(() -> load("devices:\n  audio:\n    sensingRateBps: -3\n"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("devices.audio.sensingRateBps").hasMessageContaining("-3");
    assertThatThrownBy(() -> load("sweep:\n  axes:\n    cell.bandwidthHz: [1.4e6, -1]\n"))
        .hasMessageContaining("cell.bandwidthHz").hasMessageContaining("-1");
  }
}
