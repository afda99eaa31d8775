package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import io.isacemu.proto.SenseResultChunks;
import io.isacemu.support.GrpcServerLifecycle;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The DeviceLink gRPC server (Netty on {@code isac.bs.grpc-port}, 0 = a free port, or in-process
 * when {@code isac.bs.grpc-in-process-name} is set), plus the liveness check that runs every report
 * period. Sessions are closed before the server stops, so devices hear why.
 */
@Component
public class DeviceLinkServer extends GrpcServerLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeviceLinkServer.class);

  private final DeviceRegistry registry;
  private final long reportPeriodMs;
  private ScheduledExecutorService liveness;

  DeviceLinkServer(BsProperties properties, DeviceRegistry registry) {
    super("DeviceLink", properties.grpcPort(), properties.grpcInProcessName(),
        List.of(new DeviceLinkService(registry, properties.maxMessageBytes(), properties.limits().registerTimeoutMs())),
        // device.proto: accept up to gRPC's 4 MiB; larger-than-announced messages are refused by the session
        b -> b.maxInboundMessageSize(SenseResultChunks.MAX_MAX_MESSAGE_BYTES));
    this.registry = registry;
    this.reportPeriodMs = properties.reportPeriodMs();
  }

  @Override
  protected void started() {
    liveness = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bs-liveness");
      t.setDaemon(true);
      return t;
    });
    liveness.scheduleAtFixedRate(this::checkLiveness, reportPeriodMs, reportPeriodMs, TimeUnit.MILLISECONDS);
  }

  private void checkLiveness() {
    try {
      registry.checkLiveness();
    } catch (RuntimeException e) {
      log.error("liveness check failed", e);
    }
  }

  @Override
  protected void stopping() {
    liveness.shutdownNow();
    registry.closeAll("BS shutting down", 5000);
  }
}
