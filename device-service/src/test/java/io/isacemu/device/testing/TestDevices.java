package io.isacemu.device.testing;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.mobility.RandomWaypoint;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.MobilitySpec;
import io.isacemu.device.emulator.SampleStore;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.device.sensing.SensingService;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Small fixtures shared by the tests. */
public final class TestDevices {

  /** A small synthetic dataset (40/10/10 samples, T = 20). */
  public static final MultimodalDataset DATASET =
      SyntheticDataset.generate(SyntheticConfig.defaults().withSizes(40, 10, 10));

  private TestDevices() {}

  /** A static video device at (30, 40) m: 4 Mbit/s, 23 dBm, 1 GHz, 0.5 W sensing. */
  public static DeviceSpec staticVideo(String id) {
    return new DeviceSpec(id, Modality.VIDEO, 4e6, 23, DeviceProcessor.of(1e9, 8), 0.5,
        new MobilitySpec.Fixed(new Position(30, 40)), "token-" + id);
  }

  /** A random-waypoint audio device starting at (50, 0) m. */
  public static DeviceSpec walkingAudio(String id) {
    return new DeviceSpec(id, Modality.AUDIO, 128e3, 23, DeviceProcessor.of(1e9, 8), 0.1,
        new MobilitySpec.Waypoint(RandomWaypoint.Parameters.reference(), new Position(50, 0)), "");
  }

  /** An emulator on the real clock with time scale 0.001. */
  public static DeviceEmulator emulator(DeviceSpec spec, long seed) {
    return emulator(spec, seed, WallClock.system());
  }

  public static DeviceEmulator emulator(DeviceSpec spec, long seed, WallClock clock) {
    return new DeviceEmulator(spec, 0, seed, ChannelConfig.reference(), ThermalNoise.reference(),
        180e3, SampleStore.of(DATASET, spec.modality()), clock, 0.001);
  }

  /** Sensing without an encoder, M = 1, reference noise. */
  public static SensingService sensing(DeviceEmulator emulator) {
    return new SensingService(emulator, ThermalNoise.reference(), 1, Optional.empty());
  }

  /** A clock that advances {@code stepNanos} at every reading: deterministic elapsed time. */
  public static WallClock tickingClock(long stepNanos) {
    AtomicLong nanos = new AtomicLong();
    Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    return new WallClock() {
      @Override
      public long nanoTime() {
        return nanos.addAndGet(stepNanos);
      }

      @Override
      public Instant now() {
        return epoch.plusNanos(nanos.get());
      }
    };
  }
}
