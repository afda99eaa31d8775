package io.isacemu.bs.registry;

import io.grpc.stub.StreamObserver;
import io.isacemu.bs.BsProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;

/** The DeviceLink gRPC service: one {@link DeviceSession} per Attach stream. */
public final class DeviceLinkService extends DeviceLinkGrpc.DeviceLinkImplBase {

  /** One daemon thread for every session's Register deadline. */
  private static final ScheduledExecutorService REGISTER_DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bs-register-deadline");
    t.setDaemon(true);
    return t;
  });

  private final DeviceRegistry registry;
  private final int maxMessageBytes;
  private final long registerTimeoutMs;

  /** As {@link #DeviceLinkService(DeviceRegistry, int, long)} with the default 10 s Register deadline. */
  public DeviceLinkService(DeviceRegistry registry, int maxMessageBytes) {
    this(registry, maxMessageBytes, BsProperties.Limits.DEFAULTS.registerTimeoutMs());
  }

  /**
   * @param registry where sessions register
   * @param maxMessageBytes largest DeviceMessage accepted, bytes (announced in RegisterAck)
   * @param registerTimeoutMs a stream without a Register by then is ended, wall ms
   */
  public DeviceLinkService(DeviceRegistry registry, int maxMessageBytes, long registerTimeoutMs) {
    this.registry = registry;
    this.maxMessageBytes = maxMessageBytes;
    this.registerTimeoutMs = registerTimeoutMs;
  }

  @Override
  public StreamObserver<DeviceMessage> attach(StreamObserver<BsMessage> responseObserver) {
    DeviceSession session = new DeviceSession(registry, responseObserver, maxMessageBytes);
    // a stream that never registers would hold its resources forever
    REGISTER_DEADLINES.schedule(() -> session.expireIfUnregistered(registerTimeoutMs), registerTimeoutMs,
        TimeUnit.MILLISECONDS);
    return session;
  }
}
