package io.isacemu.device.config;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.device.model.BundleEncoders;
import io.isacemu.device.model.ModelFollower;
import io.isacemu.device.ops.DeviceMetrics;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.SenseResultChunks;
import io.micrometer.core.instrument.MeterRegistry;
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
    DeviceFactory factory = new DeviceFactory(properties, dataset, DeviceLinkGrpc.newStub(bsChannel),
        bsChannel::resetConnectBackoff, clock, metrics, encoders, SOFTWARE_VERSION);
    return new DeviceFleet(factory, properties.deviceSpecs());
  }
}
