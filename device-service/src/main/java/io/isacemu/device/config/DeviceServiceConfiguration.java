package io.isacemu.device.config;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.isacemu.core.channel.DeviceChannel;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.SampleStore;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.device.link.DeviceAgent;
import io.isacemu.device.link.LinkSettings;
import io.isacemu.device.model.BundleEncoders;
import io.isacemu.device.model.ModelFollower;
import io.isacemu.device.ops.DeviceMetrics;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.SenseResultChunks;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires dataset, emulators, sensing and links from {@link DeviceProperties}. */
@Configuration(proxyBeanMethods = false)
class DeviceServiceConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DeviceServiceConfiguration.class);

  /** Version sent in Register: the jar's Implementation-Version, else the project version. */
  static final String SOFTWARE_VERSION = Optional
      .ofNullable(DeviceServiceConfiguration.class.getPackage().getImplementationVersion())
      .orElse("0.1.0-SNAPSHOT");

  // Distinguishes the backoff jitter stream from the channel stream of the same device seed.
  private static final long BACKOFF_STREAM = 0x6261636b6f6666L;

  @Bean
  MultimodalDataset dataset(DeviceProperties properties) {
    MultimodalDataset dataset;
    try {
      // a process whose devices all sense one modality holds only that modality's features
      java.util.Set<io.isacemu.core.modality.Modality> sensed = new java.util.HashSet<>();
      properties.deviceSpecs().forEach(s -> sensed.add(s.modality()));
      dataset = sensed.size() == 1 ? properties.dataset().loadModality(sensed.iterator().next())
          : properties.dataset().load();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("isac.device.dataset." + e.getMessage(), e);
    }
    log.info("dataset {}: {}/{}/{} samples, fingerprint {}", dataset.name(), dataset.train().size(),
        dataset.valid().size(), dataset.test().size(), dataset.fingerprint());
    return dataset;
  }

  /** The process's one time source: emulated time, command wall times, timestamps, model watch. */
  @Bean
  WallClock wallClock() {
    return WallClock.system();
  }

  @Bean(destroyMethod = "shutdownNow")
  ManagedChannel bsChannel(DeviceProperties properties) {
    return NettyChannelBuilder.forAddress(properties.bs().host(), properties.bs().port())
        .usePlaintext()
        .maxInboundMessageSize(SenseResultChunks.MAX_MAX_MESSAGE_BYTES)
        .build();
  }

  @Bean(destroyMethod = "close")
  BundleEncoders bundleEncoders() {
    return new BundleEncoders();
  }

  /** Follows the registry when {@code model.registry-target} is set; otherwise LOCAL is refused. */
  @Bean(initMethod = "start", destroyMethod = "close")
  ModelFollower modelFollower(DeviceProperties properties, BundleEncoders encoders, WallClock clock) {
    String target = properties.model().registryTarget();
    Optional<ManagedChannel> registry = properties.model().enabled()
        ? Optional.of(NettyChannelBuilder.forTarget(target).usePlaintext().build())
        : Optional.empty();
    return new ModelFollower(registry, target, encoders, clock);
  }

  @Bean
  DeviceMetrics deviceMetrics(MeterRegistry registry) {
    return new DeviceMetrics(registry);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  DeviceFleet deviceFleet(
      DeviceProperties properties,
      MultimodalDataset dataset,
      ManagedChannel bsChannel,
      WallClock clock,
      DeviceMetrics metrics,
      BundleEncoders encoders) {
    DeviceProperties.Radio radio = properties.radio();
    LinkSettings settings = new LinkSettings(properties.reportPeriodMs(),
        properties.reconnect().policy(), SOFTWARE_VERSION, radio.settings());
    DeviceLinkGrpc.DeviceLinkStub stub = DeviceLinkGrpc.newStub(bsChannel);
    List<DeviceSpec> specs = properties.deviceSpecs();
    List<DeviceAgent> agents = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      DeviceSpec spec = specs.get(i);
      SampleStore samples;
      try {
        samples = SampleStore.of(dataset, spec.modality());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("isac.device.devices[" + i + "]." + e.getMessage(), e);
      }
      if (samples.duplicateIds() > 0) {
        log.warn("device {}: {} duplicate sample ids in the dataset; the first occurrence is served",
            spec.deviceId(), samples.duplicateIds());
      }
      DeviceEmulator emulator = new DeviceEmulator(spec, i, properties.platformSeed(),
          radio.channelConfig(), radio.noise(), radio.unitBandwidthHz(), samples, clock,
          properties.timeScale(), properties.time());
      // LOCAL runs the bundle's encoder; until one is installed, LOCAL commands are refused honestly.
      SensingService sensing = new SensingService(emulator, radio.noise(), radio.bsAntennas(),
          encoders.forDevice(spec.modality(), samples.sequenceLength(), samples.featureDim()));
      metrics.bindEnergy(emulator);
      long backoffSeed = DeviceChannel.deviceSeed(properties.platformSeed(), i) ^ BACKOFF_STREAM;
      agents.add(new DeviceAgent(sensing, stub, settings, metrics, backoffSeed,
          bsChannel::resetConnectBackoff));
    }
    return new DeviceFleet(agents);
  }
}
