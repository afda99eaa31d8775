package io.isacemu.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's exit codes, problems as data, the fingerprint's stability, a full 1000-point grid. */
class ScenarioCheckTest {

  @TempDir
  Path dir;

  @Test
  void validFileExitsZeroInvalidTwo() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.yaml"), "sweep: {axes: {cell.bandwidthHz: [5e6, 20e6]}}\n");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "cell: {bandwith: 5e6}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ScenarioCheck.run(new String[] {ok.toString(), bad.toString()}, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok.yaml: 2 points, 1 training run, 1 replication(s)");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bad.yaml: 1 problem in scenario bad.yaml:\n  cell.bandwith: unknown key (did you mean cell.bandwidthHz?)");
    assertThat(ScenarioCheck.run(new String[] {ok.toString()}, new PrintStream(out), new PrintStream(err))).isZero();
    assertThat(ScenarioCheck.run(new String[0], new PrintStream(out), new PrintStream(err))).isEqualTo(64);
  }

  @Test
  void problemsAreDataForARestAnswer() {
    ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
        () -> Scenarios.load("cell: {bandwith: 5e6}\nsweep: {axes: {cell.bandwidthHz: [-2]}}\n", "x"));
    // the unknown key stops the reader before the sweep: the value as written, the key path apart
    assertThat(e.problems()).containsExactly(
        new Problem("cell.bandwith", "5000000", "unknown key (did you mean cell.bandwidthHz?)"));
    ScenarioException p = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
        () -> Scenarios.load("sweep: {axes: {cell.bandwidthHz: [-2]}}\n", "x"));
    assertThat(p.problems()).containsExactly(new Problem("cell.bandwidthHz", "-2",
        "-2 must be in (0, 10000000000] (sweep point 0: cell.bandwidthHz = -2)"));
  }

  @Test
  void fingerprintOfTheDefaultsIsStable() {
    // a change here invalidates every cached training run keyed on it: change the writer's training keys deliberately
    assertThat(Scenarios.expand(Scenario.DEFAULTS).get(0).trainingFingerprint()).isEqualTo("eb5baf9299a0f6c2adc10e6518e935830196950cb3b3090f8fd70a95804b30ee");
  }

  @Test
  void aThousandPointGridExpands() {
    String values = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
    List<SweepPoint> points = Scenarios.expand(Scenarios.load("sweep:\n  axes:\n    cell.bsAntennas: " + values
        + "\n    devices.video.count: " + values + "\n    devices.audio.txPowerDbm: " + values + "\n", "grid"));
    assertThat(points).hasSize(1000);
    assertThat(points.get(999).axisValues().values()).containsExactly(10L, 10L, 10L);
    assertThat(points.stream().map(SweepPoint::trainingFingerprint).distinct()).hasSize(1);
  }
}
