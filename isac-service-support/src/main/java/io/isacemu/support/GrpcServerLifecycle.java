package io.isacemu.support;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.isacemu.proto.GrpcServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A plain grpc-java server started and stopped with the Spring context, one for every service:
 * Netty on a port (0 = a free one, see {@link #port()}) or in-process by name, plus gRPC health and
 * reflection. Subclasses hook in work that must start after and stop before the server.
 */
public class GrpcServerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GrpcServerLifecycle.class);

  /** Unary calls and downloads get this long at stop; streams that never end are then cancelled. */
  private static final long GRACE_MILLIS = 2000;

  private final String name;
  private final int port;
  private final String inProcessName;
  private final List<BindableService> services;
  private final UnaryOperator<ServerBuilder<?>> tuning;
  private Server server;

  /**
   * @param name what the server serves, for the log ({@code "DeviceLink"})
   * @param inProcessName blank = Netty on {@code port}
   * @param tuning applied to the builder before the services are added (e.g. message size limits)
   */
  public GrpcServerLifecycle(String name, int port, String inProcessName, List<BindableService> services,
      UnaryOperator<ServerBuilder<?>> tuning) {
    this.name = name;
    this.port = port;
    this.inProcessName = inProcessName == null ? "" : inProcessName;
    this.services = List.copyOf(services);
    this.tuning = tuning;
  }

  public GrpcServerLifecycle(String name, int port, List<BindableService> services) {
    this(name, port, "", services, UnaryOperator.identity());
  }

  @Override
  public synchronized void start() {
    ServerBuilder<?> builder = tuning.apply(inProcessName.isBlank()
        ? NettyServerBuilder.forPort(port) : InProcessServerBuilder.forName(inProcessName));
    services.forEach(builder::addService);
    try {
      server = builder.addService(new HealthStatusManager().getHealthService())
          .addService(ProtoReflectionServiceV1.newInstance())
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " gRPC server cannot listen on port " + port, e);
    }
    log.info("gRPC {} listening on {}", name,
        inProcessName.isBlank() ? "port " + server.getPort() : "in-process " + inProcessName);
    started();
  }

  /** Runs once the server listens. */
  protected void started() {}

  /** Runs before the server stops, while it still serves. */
  protected void stopping() {}

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    stopping();
    GrpcServers.stop(server, GRACE_MILLIS);
    server = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The bound port while running (the actual one when configured as 0; -1 in-process). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException(name + " gRPC server is not running");
    }
    return server.getPort();
  }
}
