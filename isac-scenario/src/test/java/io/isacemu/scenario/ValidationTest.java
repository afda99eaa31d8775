package io.isacemu.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every refusal names the key path and the value; several problems come back together. */
class ValidationTest {

  /** The problem lines of loading {@code yaml} (it must fail). */
  static List<String> problems(String yaml) {
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenarios.load(yaml, "test.yaml"));
    assertThat(e).as("expected a ScenarioException").isNotNull();
    System.out.println(e.getMessage()); // the README's examples are copied from here
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void emptyFileIsTodaysDemo() {
    assertThat(Scenarios.load("", "empty.yaml")).isEqualTo(Scenario.DEFAULTS);
    assertThat(Scenarios.load("cell: {}\n", "cell.yaml")).isEqualTo(Scenario.DEFAULTS);
  }

  @Test
  void unknownKeySuggestsTheClosestValidKey() {
    assertThat(problems("cell:\n  bandwith: 10e6\n"))
        .containsExactly("cell.bandwith: unknown key (did you mean cell.bandwidthHz?)");
    assertThat(problems("devices:\n  vidoe: {count: 2}\n"))
        .containsExactly("devices.vidoe: unknown key (did you mean devices.video?)");
    assertThat(problems("servng: {}\n")).containsExactly("servng: unknown key (did you mean serving?)");
  }

  @Test
  void unknownKeyFarFromEveryKeyListsTheValidOnes() {
    assertThat(problems("mec:\n  memoryBytes: 1\n"))
        .containsExactly("mec.memoryBytes: unknown key (valid keys: cpuHz, flopsPerCycle)");
  }

  @Test
  void outOfRangeNamesPathValueAndRule() {
    assertThat(problems("devices:\n  video:\n    sensingRateBps: -3\n"))
        .containsExactly("devices.video.sensingRateBps: -3 must be in (0, 10000000000]");
    assertThat(problems("cell:\n  bsAntennas: 0\n")).containsExactly("cell.bsAntennas: 0 must be in [1, 1024]");
    assertThat(problems("replications: 0\n")).containsExactly("replications: 0 must be in [1, 1000]");
  }

  @Test
  void typeErrorsAreNamed() {
    assertThat(problems("cell:\n  bsAntennas: four\n")).containsExactly("cell.bsAntennas: 'four' is not a number");
    assertThat(problems("cell:\n  bsAntennas: 2.5\n")).containsExactly("cell.bsAntennas: 2.5 is not a whole number");
    assertThat(problems("devices:\n  text:\n    count: 1e10\n"))
        .containsExactly("devices.text.count: 10000000000 must be in [1, 64]");
    assertThat(problems("cell:\n  pathLoss:\n    shadowing: maybe\n"))
        .containsExactly("cell.pathLoss.shadowing: 'maybe' is not true or false");
    assertThat(problems("cell: 20e6\n")).containsExactly("cell: 20000000 is not a mapping (key: value lines)");
    assertThat(problems("training:\n  lambdas: 0.5\n")).containsExactly("training.lambdas: 0.5 is not a list");
    assertThat(problems("seed: 1.5\n")).containsExactly("seed: 1.5 is not a whole number");
    assertThat(problems("cell:\n  bandwidthHz:\n")).containsExactly(
        "cell.bandwidthHz: is empty (omit the key to take the default 20000000)");
  }

  @Test
  void choicesListTheValidValues() {
    assertThat(problems("serving:\n  processing: fast\n"))
        .containsExactly("serving.processing: 'fast' is not one of offload, local, auto");
    assertThat(problems("training:\n  costMetric: money\n"))
        .containsExactly("training.costMetric: 'money' is not one of latency, energy, bits, flops");
    assertThat(problems("training:\n  gates: [full, half]\n"))
        .containsExactly("training.gates[1]: 'half' is not one of full, on-demand");
    assertThat(problems("training:\n  experts: [T, X]\n"))
        .containsExactly("training.experts[1]: 'X' is not a modality set (V, A, T joined by +, e.g. V+A+T)");
    assertThat(problems("serving:\n  modes: [fixed:T, fast]\n")).containsExactly(
        "serving.modes[1]: 'fast' is not a mode (fixed:<experts> such as fixed:T, full, on-demand)");
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    List<String> p = problems("""
        cell:
          bandwith: 1
          bsAntennas: -1
        devices:
          audio:
            txPowerDbm: 99
            mobility: {type: static, maxSpeedMps: 3}
        serving:
          timeScale: -1
        """);
    assertThat(p).containsExactly(
        "cell.bsAntennas: -1 must be in [1, 1024]",
        "cell.bandwith: unknown key (did you mean cell.bandwidthHz?)",
        "devices.audio.txPowerDbm: 99 must be in [-50, 40]",
        "devices.audio.mobility.maxSpeedMps: unknown key here: only with type: random-waypoint",
        "serving.timeScale: -1 must be in [0, 1000]");
  }

  @Test
  void rulesWithinASection() {
    assertThat(problems("devices:\n  text:\n    mobility: {minSpeedMps: 2, maxSpeedMps: 1}\n"))
        .containsExactly("devices.text.mobility.maxSpeedMps: 1 must be >= minSpeedMps 2");
    assertThat(problems("training:\n  deployLambda: 0.4\n"))
        .containsExactly("training.deployLambda: 0.4 is not one of training.lambdas [0.0, 0.3, 0.5, 0.7, 1.0]");
    assertThat(problems("training:\n  gateExperts: [T, V+A]\n"))
        .containsExactly("training.gateExperts[1]: 'V+A' is not one of training.experts [V, A, T, V+A+T]");
    assertThat(problems("training:\n  tau0: 0.5\n  tauMin: 0.6\n"))
        .containsExactly("training.tauMin: 0.6 must be <= training.tau0 0.5");
    assertThat(problems("dataset:\n  textOnlyShare: 0.8\n  avOnlyShare: 0.3\n"))
        .containsExactly("dataset.avOnlyShare: 0.3 + textOnlyShare 0.8 must be <= 1");
    assertThat(problems("cell:\n  bandwidthHz: 100e3\n"))
        .containsExactly("cell.unitBandwidthHz: 180000 must be <= cell.bandwidthHz 100000");
  }

  @Test
  void rulesAcrossSections() {
    assertThat(problems("devices:\n  video:\n    distanceM: 250\n"))
        .containsExactly("devices.video.distanceM: 250 must be <= cell.radiusM 200");
    assertThat(problems("serving:\n  samplesPerPoint: 700\n"))
        .containsExactly("serving.samplesPerPoint: 700 must be <= dataset.testSize 600");
    assertThat(problems("training:\n  experts: [T, V+A+T]\n  gateExperts: [T, V+A+T]\n")).containsExactly(
        "serving.modes[0]: 'fixed:V' needs expert V, not one of training.experts [T, V+A+T]",
        "serving.modes[1]: 'fixed:A' needs expert A, not one of training.experts [T, V+A+T]");
  }

  @Test
  void datasetVariantsTakeOnlyTheirKeys() {
    assertThat(problems("dataset:\n  source: pickle\n  format: multibench\n"))
        .containsExactly("dataset.path: is required when source is pickle");
    assertThat(problems("dataset:\n  source: pickle\n  path: mosei.pkl\n  trainSize: 10\n"))
        .containsExactly("dataset.trainSize: unknown key here: only with source: synthetic");
    assertThat(problems("dataset:\n  path: mosei.pkl\n"))
        .containsExactly("dataset.path: unknown key here: only with source: pickle");
    assertThat(problems("dataset:\n  source: pickle\n  path: mosei.pkl\n  format: csv\n"))
        .containsExactly("dataset.format: 'csv' is not one of auto, multibench, mmsa");
  }

  @Test
  void yamlSyntaxAndDuplicateKeysAreRefused() {
    assertThat(problems("cell:\n  radiusM: 100\n  radiusM: 200\n").get(0))
        .startsWith("<root>: not valid YAML at line 3").contains("radiusM");
    assertThat(problems("cell: [\n").get(0)).startsWith("<root>: not valid YAML");
  }

  @Test
  void exceptionCarriesPathValueAndMessageAsData() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> Scenarios.load("devices:\n  video:\n    count: 99\n", "x.yaml"));
    assertThat(e.problems()).containsExactly(new Problem("devices.video.count", "99", "99 must be in [1, 64]"));
    assertThat(e.getMessage()).isEqualTo("1 problem in scenario x.yaml:\n  devices.video.count: 99 must be in [1, 64]");
  }
}
