package io.isacemu.training.registry;

import io.isacemu.support.GrpcServerLifecycle;
import io.isacemu.training.TrainingProperties;
import io.isacemu.training.bundle.BundleStore;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ModelRegistry gRPC server on {@code isac.training.grpc-port} (0 = a free port). */
@Configuration(proxyBeanMethods = false)
class GrpcServerConfiguration {

  @Bean
  GrpcServerLifecycle modelRegistryServer(TrainingProperties properties, BundleStore store) {
    return new GrpcServerLifecycle("ModelRegistry", properties.grpcPort(), List.of(new ModelRegistryService(store)));
  }
}
