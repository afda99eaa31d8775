package io.isacemu.bs.registry;

import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;

/** The DeviceLink gRPC service: one {@link DeviceSession} per Attach stream. */
public final class DeviceLinkService extends DeviceLinkGrpc.DeviceLinkImplBase {

  private final DeviceRegistry registry;
  private final int maxMessageBytes;

  /**
   * @param registry where sessions register
   * @param maxMessageBytes largest DeviceMessage accepted, bytes (announced in RegisterAck)
   */
  public DeviceLinkService(DeviceRegistry registry, int maxMessageBytes) {
    this.registry = registry;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public StreamObserver<DeviceMessage> attach(StreamObserver<BsMessage> responseObserver) {
    return new DeviceSession(registry, responseObserver, maxMessageBytes);
  }
}
