package io.isacemu.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.core.mobility.MobilityModel;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.mobility.RandomWaypoint;
import io.isacemu.core.mobility.Static;
import io.isacemu.core.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeviceChannelTest {

  private static final ChannelConfig REFERENCE = ChannelConfig.reference();
  private static final Function<RandomGenerator, MobilityModel> PEDESTRIANS =
      rng -> new RandomWaypoint(RandomWaypoint.Parameters.reference(), rng);

  @Test
  void sameSeedGivesIdenticalTracesDifferentSeedDifferent() {
    List<ChannelState> a = trace(DeviceChannel.forDevice(REFERENCE, 42L, 3, PEDESTRIANS), 300, 0.5);
    List<ChannelState> b = trace(DeviceChannel.forDevice(REFERENCE, 42L, 3, PEDESTRIANS), 300, 0.5);
    List<ChannelState> otherSeed = trace(DeviceChannel.forDevice(REFERENCE, 43L, 3, PEDESTRIANS), 300, 0.5);
    List<ChannelState> otherDevice = trace(DeviceChannel.forDevice(REFERENCE, 42L, 4, PEDESTRIANS), 300, 0.5);
    assertThat(a).isEqualTo(b);
    assertThat(otherSeed.get(0)).isNotEqualTo(a.get(0));
    assertThat(otherDevice.get(0)).isNotEqualTo(a.get(0));
    assertThat(otherSeed).isNotEqualTo(a);
  }

  @Test
  void deviceTraceDoesNotDependOnHowManyDevicesAreCreated() {
    List<DeviceChannel> fleet = DeviceChannel.forDevices(REFERENCE, 7L, 5, PEDESTRIANS);
    assertThat(fleet).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(trace(fleet.get(i), 50, 1.0))
          .isEqualTo(trace(DeviceChannel.forDevice(REFERENCE, 7L, i, PEDESTRIANS), 50, 1.0));
    }
    assertThat(DeviceChannel.deviceSeed(7L, 0)).isNotEqualTo(DeviceChannel.deviceSeed(7L, 1));
    assertThat(DeviceChannel.deviceSeed(7L, 0)).isNotEqualTo(DeviceChannel.deviceSeed(8L, 0));
  }

  @Test
  void switchingFadingOrShadowingOffLeavesTheOtherComponentsUnchanged() {
    List<ChannelState> full = trace(DeviceChannel.forDevice(REFERENCE, 9L, 0, PEDESTRIANS), 200, 1.0);
    List<ChannelState> noFading =
        trace(DeviceChannel.forDevice(REFERENCE.withFading(false), 9L, 0, PEDESTRIANS), 200, 1.0);
    List<ChannelState> noShadowing =
        trace(DeviceChannel.forDevice(REFERENCE.withShadowing(false), 9L, 0, PEDESTRIANS), 200, 1.0);
    for (int i = 0; i < full.size(); i++) {
      ChannelState f = full.get(i);
      ChannelState nf = noFading.get(i);
      ChannelState ns = noShadowing.get(i);
      assertThat(nf.fadingPowerLinear()).isEqualTo(1.0);
      assertThat(ns.shadowingDb()).isEqualTo(0.0);
      assertThat(nf.pathLossDb()).isEqualTo(f.pathLossDb());
      assertThat(nf.shadowingDb()).isEqualTo(f.shadowingDb());
      assertThat(ns.fadingPowerLinear()).isEqualTo(f.fadingPowerLinear());
      assertThat(ns.los()).isEqualTo(f.los());
      assertThat(nf.distance2dM()).isEqualTo(f.distance2dM());
    }
  }

  @Test
  void stateIsConsistentWithGeometryAndTheGainIdentity() {
    DeviceChannel channel = DeviceChannel.forDevice(REFERENCE, 11L, 0, PEDESTRIANS);
    UmiStreetCanyonPathLoss pathLoss = UmiStreetCanyonPathLoss.reference();
    double time = 0.0;
    for (int i = 0; i < 200; i++) {
      ChannelState state = channel.step(0.25);
      time += 0.25;
      Position position = channel.position();
      assertThat(state.timeSeconds()).isCloseTo(time, within(1e-9));
      assertThat(state.distance2dM()).isEqualTo(position.distanceFromOriginM());
      assertThat(state.distance3dM()).isCloseTo(Math.hypot(state.distance2dM(), 8.5), within(1e-9));
      assertThat(state.pathLossDb()).isEqualTo(pathLoss.pathLossDb(state.distance2dM(), state.los()));
      assertThat(state.channelGainDb())
          .isCloseTo(
              -state.pathLossDb() + state.shadowingDb() + 10.0 * Math.log10(state.fadingPowerLinear()),
              within(1e-9));
      assertThat(state.channelGainLinear())
          .isCloseTo(Math.pow(10.0, state.channelGainDb() / 10.0), within(1e-9 * state.channelGainLinear()));
      assertThat(state.speedMps()).isBetween(0.0, 1.5 + 1e-9);
      assertThat(state.dopplerHz())
          .isCloseTo(state.speedMps() * 3.5e9 / Units.SPEED_OF_LIGHT_M_PER_S, within(1e-9));
    }
  }

  @Test
  void dopplerFollowsTheSpeed() {
    // 10 m/s, no pause: f_D = 10 · 3.5e9 / 299792458 = 116.7474 Hz.
    RandomWaypoint.Parameters car = new RandomWaypoint.Parameters(200.0, 10.0, 10.0, 0.0);
    DeviceChannel channel =
        DeviceChannel.forDevice(REFERENCE, 12L, 0, rng -> new RandomWaypoint(car, rng));
    ChannelState state = channel.step(2.0);
    assertThat(state.speedMps()).isCloseTo(10.0, within(1e-9));
    assertThat(state.dopplerHz()).isCloseTo(116.74741, within(1e-4));
  }

  @Test
  void staticDeviceKeepsItsLosStateDistanceAndFading() {
    DeviceChannel channel =
        new DeviceChannel(REFERENCE, new Static(new Position(60.0, 80.0)), new SplittableRandom(13));
    ChannelState initial = channel.current();
    assertThat(initial.distance2dM()).isEqualTo(100.0);
    for (int i = 0; i < 50; i++) {
      ChannelState state = channel.step(1.0);
      assertThat(state.los()).isEqualTo(initial.los());
      assertThat(state.pathLossDb()).isEqualTo(initial.pathLossDb());
      assertThat(state.shadowingDb()).isEqualTo(initial.shadowingDb());
      assertThat(state.fadingPowerLinear()).isEqualTo(initial.fadingPowerLinear()); // f_D = 0
      assertThat(state.speedMps()).isZero();
      assertThat(state.dopplerHz()).isZero();
    }
    assertThat(channel.step(0.0)).isSameAs(channel.current());
  }

  @Test
  void losStateIsDrawnFromTheLosProbability() {
    // 4000 static devices at 100 m: P_LOS = 0.23098; standard error 0.0067.
    int los = 0;
    int n = 4000;
    Function<RandomGenerator, MobilityModel> at100m = rng -> new Static(new Position(0.0, 100.0));
    for (int i = 0; i < n; i++) {
      if (DeviceChannel.forDevice(REFERENCE, 99L, i, at100m).current().los()) {
        los++;
      }
    }
    assertThat((double) los / n).isCloseTo(0.23098474969813537, within(0.03));
  }

  @Test
  void losStateIsRedrawnOnlyAfterMovingTheCorrelationDistance() {
    // A device circling at 60–140 m: with a 0 m correlation distance the state flips along the way;
    // with a distance larger than the cell it never changes.
    RandomWaypoint.Parameters slow = new RandomWaypoint.Parameters(140.0, 1.0, 1.0, 0.0);
    ChannelConfig everyStep =
        new ChannelConfig(3.5e9, 10.0, 1.5, 9.0, true, true, 10.0, 13.0, 0.0);
    ChannelConfig never = new ChannelConfig(3.5e9, 10.0, 1.5, 9.0, true, true, 10.0, 13.0, 1000.0);
    List<ChannelState> flipping =
        trace(DeviceChannel.forDevice(everyStep, 5L, 0, rng -> new RandomWaypoint(slow, rng)), 500, 1.0);
    List<ChannelState> fixed =
        trace(DeviceChannel.forDevice(never, 5L, 0, rng -> new RandomWaypoint(slow, rng)), 500, 1.0);
    assertThat(flipping.stream().map(ChannelState::los).distinct()).hasSize(2);
    assertThat(fixed.stream().map(ChannelState::los).distinct()).hasSize(1);
  }

  @Test
  void shadowingUsesTheStandardDeviationOfTheCurrentState() {
    // Over many independent devices the reported shadowing has σ 4 dB in LOS and 7.82 dB in NLOS.
    double losSquares = 0.0;
    double nlosSquares = 0.0;
    int losCount = 0;
    int nlosCount = 0;
    Function<RandomGenerator, MobilityModel> at30m = rng -> new Static(new Position(30.0, 0.0));
    for (int i = 0; i < 20_000; i++) {
      ChannelState state = DeviceChannel.forDevice(REFERENCE, 3L, i, at30m).current();
      if (state.los()) {
        losSquares += state.shadowingDb() * state.shadowingDb();
        losCount++;
      } else {
        nlosSquares += state.shadowingDb() * state.shadowingDb();
        nlosCount++;
      }
    }
    assertThat(Math.sqrt(losSquares / losCount)).isCloseTo(4.0, within(0.2));
    assertThat(Math.sqrt(nlosSquares / nlosCount)).isCloseTo(7.82, within(0.4));
  }

  @Test
  void rejectsInvalidInputsNamingFieldAndValue() {
    DeviceChannel channel = DeviceChannel.forDevice(REFERENCE, 1L, 0, PEDESTRIANS);
    assertThatThrownBy(() -> channel.step(-1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtSeconds: -1.0");
    assertThatThrownBy(() -> channel.step(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtSeconds: NaN");
    assertThatThrownBy(() -> DeviceChannel.forDevice(REFERENCE, 1L, -1, PEDESTRIANS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deviceIndex: -1");
    RandomWaypoint.Parameters huge = new RandomWaypoint.Parameters(6000.0, 1.0, 2.0, 0.0);
    assertThatThrownBy(
            () -> DeviceChannel.forDevice(REFERENCE, 1L, 0, rng -> new RandomWaypoint(huge, rng)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mobility")
        .hasMessageContaining("6000.0");
  }

  private static List<ChannelState> trace(DeviceChannel channel, int steps, double dtSeconds) {
    List<ChannelState> states = new ArrayList<>();
    states.add(channel.current());
    for (int i = 0; i < steps; i++) {
      states.add(channel.step(dtSeconds));
    }
    return states;
  }
}
