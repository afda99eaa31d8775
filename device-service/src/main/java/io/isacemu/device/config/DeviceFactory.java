package io.isacemu.device.config;

import io.isacemu.core.channel.DeviceChannel;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.SampleStore;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.device.link.DeviceAgent;
import io.isacemu.device.link.LinkSettings;
import io.isacemu.device.model.BundleEncoders;
import io.isacemu.device.ops.DeviceMetrics;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.proto.DeviceLinkGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a device agent is built from a spec (at start-up and through the fleet API), with the
 * process's current radio settings. Not thread-safe: {@link DeviceFleet} serialises its calls.
 */
public final class DeviceFactory {

  private static final Logger log = LoggerFactory.getLogger(DeviceFactory.class);

  // Distinguishes the backoff jitter stream from the channel stream of the same device seed.
  private static final long BACKOFF_STREAM = 0x6261636b6f6666L;

  private final DeviceProperties properties;
  private final MultimodalDataset dataset;
  private final DeviceLinkGrpc.DeviceLinkStub stub;
  private final Runnable resetConnectBackoff;
  private final WallClock clock;
  private final DeviceMetrics metrics;
  private final BundleEncoders encoders;
  private final String softwareVersion;
  private DeviceProperties.Radio radio;

  DeviceFactory(DeviceProperties properties, MultimodalDataset dataset, DeviceLinkGrpc.DeviceLinkStub stub,
      Runnable resetConnectBackoff, WallClock clock, DeviceMetrics metrics, BundleEncoders encoders,
      String softwareVersion) {
    this.properties = properties;
    this.dataset = dataset;
    this.stub = stub;
    this.resetConnectBackoff = resetConnectBackoff;
    this.clock = clock;
    this.metrics = metrics;
    this.encoders = encoders;
    this.softwareVersion = softwareVersion;
    this.radio = properties.radio();
  }

  /** The radio settings new agents are built with. */
  DeviceProperties.Radio radio() {
    return radio;
  }

  /** Builds later agents with {@code next} (validated). */
  void radio(DeviceProperties.Radio next) {
    next.channelConfig();
    next.noise();
    next.settings();
    this.radio = next;
  }

  /** The Register token of an added device that names none. */
  String sharedAuthToken() {
    return properties.sharedAuthToken();
  }

  /**
   * An agent (not started) for {@code spec} at platform device index {@code index}.
   *
   * @throws IllegalArgumentException naming {@code path} when the dataset has no samples of its modality
   */
  DeviceAgent create(DeviceSpec spec, int index, String path) {
    SampleStore samples;
    try {
      samples = SampleStore.of(dataset, spec.modality());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + e.getMessage(), e);
    }
    if (samples.duplicateIds() > 0) {
      log.warn("device {}: {} duplicate sample ids in the dataset; the first occurrence is served",
          spec.deviceId(), samples.duplicateIds());
    }
    LinkSettings settings = new LinkSettings(properties.reportPeriodMs(), properties.reconnect().policy(),
        softwareVersion, radio.settings());
    DeviceEmulator emulator = new DeviceEmulator(spec, index, properties.platformSeed(), radio.channelConfig(),
        radio.noise(), radio.unitBandwidthHz(), samples, clock, properties.timeScale(), properties.time());
    // LOCAL runs the bundle's encoder; until one is installed, LOCAL commands are refused honestly.
    SensingService sensing = new SensingService(emulator, radio.noise(), radio.bsAntennas(),
        encoders.forDevice(spec.modality(), samples.sequenceLength(), samples.featureDim()));
    metrics.unbindEnergy(spec.deviceId());
    metrics.bindEnergy(emulator);
    long backoffSeed = DeviceChannel.deviceSeed(properties.platformSeed(), index) ^ BACKOFF_STREAM;
    return new DeviceAgent(sensing, stub, settings, metrics, backoffSeed, resetConnectBackoff);
  }
}
