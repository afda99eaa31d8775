package io.isacemu.device.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.device.testing.TestDevices;
import org.junit.jupiter.api.Test;

class DeviceEmulatorTest {

  @Test
  void emulatedTimeIsWallTimeOverTheTimeScale() {
    DeviceEmulator e = TestDevices.emulator(TestDevices.walkingAudio("mic"), 1,
        TestDevices.tickingClock(2_000_000)); // each reading: +2 ms wall = +2 emulated s
    assertThat(e.emulatedTimeS()).isEqualTo(2.0);
    assertThat(e.snapshot().emulatedTimeS()).isEqualTo(4.0);
  }

  @Test
  void sameSeedAndClockGiveTheSameTrace() {
    DeviceEmulator a = TestDevices.emulator(TestDevices.walkingAudio("mic"), 9, TestDevices.tickingClock(1_000_000));
    DeviceEmulator b = TestDevices.emulator(TestDevices.walkingAudio("mic"), 9, TestDevices.tickingClock(1_000_000));
    for (int i = 0; i < 20; i++) {
      assertThat(a.snapshot()).isEqualTo(b.snapshot());
    }
    assertThat(a.snapshot().position()).isNotEqualTo(TestDevices.walkingAudio("mic").mobility()
        instanceof MobilitySpec.Waypoint w ? w.start() : null);
  }

  @Test
  void energyAccumulatesAndCpuLoadIsTheBusyFraction() {
    DeviceEmulator e = TestDevices.emulator(TestDevices.staticVideo("cam"), 1,
        TestDevices.tickingClock(1_000_000)); // 1 emulated s per reading
    e.snapshot();
    e.recordWork(2.5, 0.25);
    DeviceSnapshot s = e.snapshot();
    assertThat(s.energyUsedJ()).isEqualTo(2.5);
    assertThat(s.cpuLoad()).isEqualTo(0.25);
    assertThat(e.snapshot().cpuLoad()).isZero();
    assertThatThrownBy(() -> e.recordWork(-1, 0)).hasMessageContaining("energyJ: -1.0");
  }

  @Test
  void sampleStoreServesExactCopiesByIdAcrossSplits() {
    SampleStore store = SampleStore.of(TestDevices.DATASET, Modality.TEXT);
    MultimodalSplit valid = TestDevices.DATASET.valid();
    float[] expected = new float[20 * 300];
    valid.features(Modality.TEXT).get(3 * 20 * 300, expected);

    assertThat(store.size()).isEqualTo(60);
    assertThat(store.features(valid.id(3))).hasValueSatisfying(v -> assertThat(v).containsExactly(expected));
    assertThat(store.features("nope")).isEmpty();
    assertThat(store.featureDim()).isEqualTo(300);
    assertThat(store.fingerprint()).isEqualTo(TestDevices.DATASET.fingerprint());
  }

  @Test
  void specValidationNamesTheField() {
    assertThatThrownBy(() -> new DeviceSpec("bad id!", Modality.TEXT, 100, 23,
        TestDevices.staticVideo("x").processor(), 0, TestDevices.staticVideo("x").mobility(), ""))
        .hasMessageContaining("deviceId: 'bad id!'");
    assertThatThrownBy(() -> new DeviceSpec("ok", Modality.TEXT, 100, 23,
        TestDevices.staticVideo("x").processor(), 0, TestDevices.staticVideo("x").mobility(), null))
        .hasMessageContaining("authToken");
    assertThat(TestDevices.staticVideo("cam").toString()).doesNotContain("token-cam");
  }
}
