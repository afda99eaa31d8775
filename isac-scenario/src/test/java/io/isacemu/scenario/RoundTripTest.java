package io.isacemu.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.scenario.model.CellSpec;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.MobilitySpec;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.ServingSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code load(write(s))} equals {@code s}, and the written file spells every default out. */
class RoundTripTest {

  static Scenario roundTrip(Scenario s) {
    return Scenarios.load(Scenarios.write(s), "written.yaml");
  }

  @Test
  void defaultsRoundTrip() {
    assertThat(roundTrip(Scenario.DEFAULTS)).isEqualTo(Scenario.DEFAULTS);
  }

  @Test
  void writtenFileSpellsEveryDefaultOut() {
    String yaml = Scenarios.write(Scenario.DEFAULTS);
    System.out.println(yaml);
    assertThat(yaml).contains("bandwidthHz: 20000000", "unitBandwidthHz: 180000", "bsAntennas: 4",
        "carrierFrequencyHz: 3500000000", "sensingRateBps: 4000000", "kappa: 1.0E-28", "type: random-waypoint",
        "costMetric: bits", "deployLambda: 0.5", "processing: auto", "timeScale: 0.01", "replications: 1",
        "seed: 42", "maxPoints: 1000");
  }

  @Test
  void everyVariantRoundTrips() {
    Scenario s = Scenarios.load("""
        cell:
          bandwidthHz: 1.4e6
          pathLoss: {shadowing: false, carrierFrequencyHz: 28e9}
        devices:
          video: {count: 3, mobility: {type: static}, angleDeg: -45.5}
          text: {mobility: {minSpeedMps: 1, maxSpeedMps: 8.25, pauseSeconds: 0}}
        dataset:
          source: pickle
          path: mosei_senti_data.pkl
          format: mmsa
          dropAllZeroText: true
        training:
          preset: mosei-reference
          experts: [T, video+audio+text]
          gateExperts: [T, V+A+T]
          lambdas: [0, 0.25]
          deployLambda: auto
          gates: [on-demand]
          costMetric: latency
        serving:
          modes: [fixed:T, on-demand]
          processing: local
          objective: energy
          timeScale: 0
        replications: 3
        seed: -5
        sweep:
          zip: true
          maxPoints: 7
          axes:
            cell.bandwidthHz: [5e6, 10.5e6]
            cell.pathLoss.fading: [true, false]
            serving.processing: [offload, auto]
        """, "variants.yaml");
    assertThat(s.dataset()).isInstanceOf(DatasetSpec.Pickle.class);
    assertThat(s.training().deployLambda()).isEmpty();
    assertThat(s.devices().get(Modality.VIDEO).mobility()).isEqualTo(new MobilitySpec.Static());
    assertThat(s.serving().processing()).isEqualTo(ServingSpec.Processing.LOCAL);
    assertThat(s.sweep().axes()).hasSize(3);
    assertThat(roundTrip(s)).isEqualTo(s);
    assertThat(Scenarios.expand(roundTrip(s))).isEqualTo(Scenarios.expand(s));
  }

  @Test
  void recordsRefuseBadValuesBuiltInCode() {
    assertThatThrownBy(() -> new CellSpec(-1, 180e3, 4, 200, 9, ChannelConfig.reference()))
        .isInstanceOf(InvalidFieldException.class).hasMessage("bandwidthHz: -1 must be in (0, 10000000000]");
    assertThatThrownBy(() -> new MobilitySpec.RandomWaypoint(2, 1, 0))
        .isInstanceOf(InvalidFieldException.class).hasMessage("maxSpeedMps: 1 must be >= minSpeedMps 2");
    assertThatThrownBy(() -> new DatasetSpec.Pickle(" ", DatasetSpec.PickleFormat.AUTO, false))
        .isInstanceOf(InvalidFieldException.class);
    Scenario d = Scenario.DEFAULTS;
    assertThatThrownBy(() -> new Scenario(new CellSpec(20e6, 180e3, 4, 40, 9, ChannelConfig.reference()), d.mec(),
        d.devices(), d.dataset(), d.training(), d.serving(), 1, 42, d.sweep()))
        .isInstanceOf(InvalidFieldException.class).hasMessage("devices.video.distanceM: 50 must be <= cell.radiusM 40");
    assertThat(d.training().deployLambda()).isEqualTo(Optional.of(0.5));
  }

  @Test
  void devicesOfAGroupSpreadOnTheirCircle() {
    var g = Scenarios.load("devices: {video: {count: 4, distanceM: 100}}\n", "g").devices().get(Modality.VIDEO);
    assertThat(g.startPositions()).hasSize(4);
    assertThat(g.startPositions().get(0).xM()).isEqualTo(100.0);
    assertThat(g.startPositions().get(1).yM()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(g.startPositions()).allSatisfy(p -> assertThat(p.distanceFromOriginM())
        .isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9)));
  }
}
