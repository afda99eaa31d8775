package io.isacemu.scenario;

import static io.isacemu.scenario.ValidationTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.SweepSpec;
import io.isacemu.scenario.sweep.SweepPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grid and zip expansion, sweep refusals, training fingerprints. */
class SweepTest {

  static List<SweepPoint> expand(String yaml) {
    return Scenarios.expand(Scenarios.load(yaml, "sweep.yaml"));
  }

  @Test
  void noSweepIsOnePointTheScenarioItself() {
    List<SweepPoint> points = expand("");
    assertThat(points).hasSize(1);
    assertThat(points.get(0).index()).isZero();
    assertThat(points.get(0).axisValues()).isEmpty();
    assertThat(points.get(0).scenario()).isEqualTo(Scenario.DEFAULTS);
  }

  @Test
  void gridIsTheCartesianProductLastAxisFastest() {
    List<SweepPoint> points = expand("""
        sweep:
          axes:
            cell.bandwidthHz: [5e6, 10e6, 20e6]
            devices.video.count: [1, 2]
        """);
    assertThat(points).hasSize(6);
    assertThat(points.stream().map(SweepPoint::index).toList()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(points.get(0).axisValues()).containsExactly(Map.entry("cell.bandwidthHz", 5e6),
        Map.entry("devices.video.count", 1L));
    assertThat(points.get(1).axisValues()).containsExactly(Map.entry("cell.bandwidthHz", 5e6),
        Map.entry("devices.video.count", 2L));
    assertThat(points.get(5).axisValues()).containsExactly(Map.entry("cell.bandwidthHz", 20e6),
        Map.entry("devices.video.count", 2L));
    SweepPoint p3 = points.get(3);
    assertThat(p3.scenario().cell().bandwidthHz()).isEqualTo(10e6);
    assertThat(p3.scenario().devices().get(Modality.VIDEO).count()).isEqualTo(2);
    assertThat(p3.scenario().sweep()).isEqualTo(SweepSpec.NONE);
    // everything not swept is the base scenario's
    assertThat(p3.scenario().training()).isEqualTo(Scenario.DEFAULTS.training());
    assertThat(p3.scenario().devices().get(Modality.AUDIO)).isEqualTo(Scenario.DEFAULTS.devices().get(Modality.AUDIO));
  }

  @Test
  void zipPairsTheAxes() {
    List<SweepPoint> points = expand("""
        devices:
          video: {mobility: {type: static}}
          audio: {mobility: {type: static}}
        sweep:
          zip: true
          axes:
            devices.video.distanceM: [20, 100, 190]
            devices.audio.distanceM: [30, 110, 195]
        """);
    assertThat(points).hasSize(3);
    assertThat(points.get(2).axisValues()).containsExactly(Map.entry("devices.video.distanceM", 190L),
        Map.entry("devices.audio.distanceM", 195L));
    assertThat(points.get(2).scenario().devices().get(Modality.AUDIO).distanceM()).isEqualTo(195);
  }

  @Test
  void bandwidthSweepSharesOneTrainingRun() {
    List<SweepPoint> points = expand("sweep:\n  axes:\n    cell.bandwidthHz: [1.4e6, 5e6, 10e6, 20e6]\n");
    assertThat(points.stream().map(SweepPoint::trainingFingerprint).distinct()).hasSize(1);
    assertThat(points.get(0).trainingFingerprint()).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void trainingSweepsNeedOneRunPerValue() {
    assertThat(expand("sweep:\n  axes:\n    training.epochsStageTwo: [5, 10, 20]\n")
        .stream().map(SweepPoint::trainingFingerprint).distinct()).hasSize(3);
    assertThat(expand("sweep:\n  axes:\n    training.deployLambda: [0, 0.5, 1]\n    cell.bsAntennas: [1, 4]\n")
        .stream().map(SweepPoint::trainingFingerprint).distinct()).hasSize(3);
    assertThat(expand("sweep:\n  axes:\n    dataset.seed: [1, 2]\n")
        .stream().map(SweepPoint::trainingFingerprint).distinct()).hasSize(2);
  }

  @Test
  void fingerprintIgnoresHowTheDefaultWasWritten() {
    String spelled = Scenarios.expand(Scenarios.load("training: {epochsStageOne: 20, costMetric: bits}\n", "a"))
        .get(0).trainingFingerprint();
    assertThat(spelled).isEqualTo(Scenarios.expand(Scenario.DEFAULTS).get(0).trainingFingerprint());
  }

  @Test
  void sweepOverAListIsRefused() {
    assertThat(problems("sweep:\n  axes:\n    training.lambdas: [0.1, 0.2]\n")).containsExactly(
        "sweep.axes.training.lambdas: is a list, not a scalar: only numbers, booleans and texts can be swept");
    assertThat(problems("sweep:\n  axes:\n    cell.pathLoss: [1]\n")).containsExactly(
        "sweep.axes.cell.pathLoss: is a mapping, not a scalar: only numbers, booleans and texts can be swept");
  }

  @Test
  void sweepOverAnUnknownPathSuggestsOne() {
    assertThat(problems("sweep:\n  axes:\n    cell.bandwith: [1e6]\n"))
        .containsExactly("sweep.axes.cell.bandwith: unknown key path (did you mean cell.bandwidthHz?)");
    assertThat(problems("sweep:\n  axes:\n    sweep.maxPoints: [1]\n"))
        .containsExactly("sweep.axes.sweep.maxPoints: the sweep cannot sweep itself");
  }

  @Test
  void sweepOverAVariantSelectorIsRefused() {
    assertThat(problems("sweep:\n  axes:\n    devices.video.mobility.type: [static, random-waypoint]\n"))
        .containsExactly("sweep.axes.devices.video.mobility.type: selects a variant (its keys differ): "
            + "write one scenario per variant instead");
    assertThat(problems("sweep:\n  axes:\n    dataset.source: [pickle]\n")).containsExactly(
        "sweep.axes.dataset.source: selects a variant (its keys differ): write one scenario per variant instead");
  }

  @Test
  void emptyAxisIsRefused() {
    assertThat(problems("sweep:\n  axes:\n    cell.bandwidthHz: []\n")).containsExactly(
        "sweep.axes.cell.bandwidthHz: [] is empty: an axis needs at least one value (the grid would have no point)");
    assertThat(problems("sweep:\n  axes:\n    cell.bandwidthHz: [1e6, [2]]\n"))
        .containsExactly("sweep.axes.cell.bandwidthHz[1]: [2] is not a scalar");
  }

  @Test
  void zipOfUnequalLengthsIsRefused() {
    assertThat(problems("sweep:\n  zip: true\n  axes:\n    cell.bandwidthHz: [5e6, 10e6, 20e6]\n"
        + "    devices.video.count: [1, 2]\n")).containsExactly(
        "sweep.axes: zip needs axes of equal length, got cell.bandwidthHz: 3, devices.video.count: 2");
  }

  @Test
  void gridOverTheMaximumIsRefused() {
    assertThat(problems("sweep:\n  maxPoints: 10\n  axes:\n    cell.bandwidthHz: [5e6, 10e6, 15e6, 20e6]\n"
        + "    devices.video.count: [1, 2, 3]\n")).containsExactly("sweep.axes: 12 points exceed sweep.maxPoints 10");
    assertThat(problems("sweep:\n  maxPoints: 0\n")).containsExactly("sweep.maxPoints: 0 must be in [1, 100000]");
  }

  @Test
  void aBadValueOfAPointNamesTheKeyAndThePoint() {
    assertThat(problems("sweep:\n  axes:\n    cell.bandwidthHz: [-1, 20e6, big]\n")).containsExactly(
        "cell.bandwidthHz: -1 must be in (0, 10000000000] (sweep point 0: cell.bandwidthHz = -1)",
        "cell.bandwidthHz: 'big' is not a number (sweep point 2: cell.bandwidthHz = big)");
    assertThat(problems("sweep:\n  axes:\n    devices.text.distanceM: [100, 300]\n")).containsExactly(
        "devices.text.distanceM: 300 must be <= cell.radiusM 200 (sweep point 1: devices.text.distanceM = 300)");
  }
}
