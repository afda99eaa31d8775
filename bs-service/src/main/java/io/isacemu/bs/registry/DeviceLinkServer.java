package io.isacemu.bs.registry;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.isacemu.bs.BsProperties;
import io.isacemu.proto.SenseResultChunks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The plain grpc-java DeviceLink server (Netty on {@code isac.bs.grpc-port}, 0 = a free port, or
 * in-process when {@code isac.bs.grpc-in-process-name} is set), plus the liveness check that runs
 * every report period. Started and stopped with the Spring context.
 */
@Component
public class DeviceLinkServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeviceLinkServer.class);

  private final BsProperties properties;
  private final DeviceRegistry registry;
  private Server server;
  private ScheduledExecutorService liveness;

  DeviceLinkServer(BsProperties properties, DeviceRegistry registry) {
    this.properties = properties;
    this.registry = registry;
  }

  @Override
  public synchronized void start() {
    ServerBuilder<?> builder = properties.grpcInProcessName().isBlank()
        ? NettyServerBuilder.forPort(properties.grpcPort())
        : InProcessServerBuilder.forName(properties.grpcInProcessName());
    HealthStatusManager health = new HealthStatusManager();
    try {
      server = builder
          // device.proto: accept up to gRPC's 4 MiB; larger-than-announced messages are refused by the session
          .maxInboundMessageSize(SenseResultChunks.MAX_MAX_MESSAGE_BYTES)
          .addService(new DeviceLinkService(registry, properties.maxMessageBytes(), properties.limits().registerTimeoutMs()))
          .addService(health.getHealthService())
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("DeviceLink server cannot listen on port " + properties.grpcPort(), e);
    }
    liveness = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bs-liveness");
      t.setDaemon(true);
      return t;
    });
    liveness.scheduleAtFixedRate(this::checkLiveness, properties.reportPeriodMs(), properties.reportPeriodMs(),
        TimeUnit.MILLISECONDS);
    log.info("DeviceLink listening on {}", properties.grpcInProcessName().isBlank()
        ? "port " + server.getPort() : "in-process " + properties.grpcInProcessName());
  }

  private void checkLiveness() {
    try {
      registry.checkLiveness();
    } catch (RuntimeException e) {
      log.error("liveness check failed", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    liveness.shutdownNow();
    registry.closeAll("BS shutting down", 5000);
    io.isacemu.proto.GrpcServers.stop(server, 2000);
    server = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The bound port while running (the actual one when configured as 0; -1 in-process). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("DeviceLink server is not running");
    }
    return server.getPort();
  }
}
