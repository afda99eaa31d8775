package io.isacemu.device.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.time.TimeMode;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.device.testing.TestDevices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Emulated time: the trace is a function of the seed and the BS's stamps, never of wall time. */
class EmulatedTimeTest {

  private static final double[] STAMPS = {0, 0.1, 0.35, 0.35, 1.2, 3.0, 3.05, 10};

  private static DeviceEmulator emulated(long seed, long wallStepNanos) {
    DeviceSpec spec = TestDevices.walkingAudio("mic");
    return new DeviceEmulator(spec, 1, seed, ChannelConfig.reference(), ThermalNoise.reference(), 180e3,
        SampleStore.of(TestDevices.DATASET, spec.modality()), TestDevices.tickingClock(wallStepNanos), 0.001,
        TimeMode.EMULATED);
  }

  private static List<DeviceSnapshot> trace(DeviceEmulator e) {
    List<DeviceSnapshot> out = new ArrayList<>();
    for (double t : STAMPS) {
      out.add(e.advanceTo(t));
      out.add(e.snapshot()); // a periodic report between commands: the state at the device's time, no step
    }
    return out;
  }

  @Test
  void sameSeedAndStampsGiveTheSameStatesWhateverTheWallClock() {
    List<DeviceSnapshot> a = trace(emulated(9, 1_000_000));
    List<DeviceSnapshot> b = trace(emulated(9, 777_777_777));
    assertThat(a).isEqualTo(b);
    assertThat(a.get(a.size() - 1).emulatedTimeS()).isEqualTo(10.0);
    // the device moved (random waypoint): the trace is not constant
    assertThat(a.get(a.size() - 1).position()).isNotEqualTo(a.get(0).position());
  }

  @Test
  void anotherSeedGivesAnotherTrace() {
    assertThat(trace(emulated(9, 1_000_000))).isNotEqualTo(trace(emulated(10, 1_000_000)));
  }

  @Test
  void aStampBeforeTheDevicesTimeIsRefusedNamingBothTimes() {
    DeviceEmulator e = emulated(9, 1_000_000);
    e.advanceTo(2.5);
    DeviceSnapshot before = e.snapshot();
    assertThatThrownBy(() -> e.advanceTo(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("emulated_time_s: 1.0 s").hasMessageContaining("current emulated time 2.5 s");
    assertThat(e.snapshot()).as("a refused stamp changes nothing").isEqualTo(before);
  }

  @Test
  void resetRestartsTheTraceAtZeroWithTheNewSeed() {
    DeviceEmulator e = emulated(9, 1_000_000);
    List<DeviceSnapshot> first = trace(e);
    e.recordWork(1.5, 0);
    e.reset(9);
    assertThat(e.emulatedTimeS()).isZero();
    List<DeviceSnapshot> again = trace(e);
    // same channel and positions; energy keeps accumulating (never decreases within a session)
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).channel()).isEqualTo(first.get(i).channel());
      assertThat(again.get(i).position()).isEqualTo(first.get(i).position());
      assertThat(again.get(i).energyUsedJ()).isEqualTo(first.get(i).energyUsedJ() + 1.5);
    }
    e.reset(10);
    assertThat(e.platformSeed()).isEqualTo(10);
    assertThat(trace(e).get(5).channel()).isNotEqualTo(first.get(5).channel());
  }

  @Test
  void aWallClockedDeviceRefusesStampsAndResets() {
    DeviceEmulator wall = TestDevices.emulator(TestDevices.walkingAudio("mic"), 9);
    assertThatThrownBy(() -> wall.advanceTo(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("isac.device.time = wall");
    assertThatThrownBy(() -> wall.reset(1)).isInstanceOf(IllegalStateException.class);
  }
}
