package io.isacemu.training.registry;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.isacemu.training.TrainingProperties;
import io.isacemu.training.bundle.BundleStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The plain grpc-java (Netty) server of the ModelRegistry, started and stopped with the Spring
 * context on {@code isac.training.grpc-port} (0 = a free port; see {@link #port()}). Also serves
 * gRPC health and reflection.
 */
@Component
public class GrpcServerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GrpcServerLifecycle.class);

  private final int configuredPort;
  private final BundleStore store;
  private Server server;

  GrpcServerLifecycle(TrainingProperties properties, BundleStore store) {
    this.configuredPort = properties.grpcPort();
    this.store = store;
  }

  @Override
  public synchronized void start() {
    HealthStatusManager health = new HealthStatusManager();
    try {
      server =
          NettyServerBuilder.forPort(configuredPort)
              .addService(new ModelRegistryService(store))
              .addService(health.getHealthService())
              .addService(ProtoReflectionServiceV1.newInstance())
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("gRPC server cannot listen on port " + configuredPort, e);
    }
    log.info("gRPC ModelRegistry listening on port {}", server.getPort());
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    // Watch streams never end on their own: give unary calls and downloads a moment, then cancel.
    io.isacemu.proto.GrpcServers.stop(server, 2000);
    server = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The bound port while running (the actual one when configured as 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("gRPC server is not running");
    }
    return server.getPort();
  }
}
