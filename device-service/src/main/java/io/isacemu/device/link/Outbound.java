package io.isacemu.device.link;

import io.grpc.stub.ClientCallStreamObserver;
import io.isacemu.proto.DeviceMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-to-BS half of the current session's stream, if any. Confined to the {@link
 * AgentThread}; sending on a dead or absent stream is a no-op because the stream's own
 * onError/onCompleted drives the reconnect.
 */
final class Outbound {

  private static final Logger log = LoggerFactory.getLogger(Outbound.class);

  private final String deviceId;
  private ClientCallStreamObserver<DeviceMessage> call;

  Outbound(String deviceId) {
    this.deviceId = deviceId;
  }

  /** The new session's stream. */
  void open(ClientCallStreamObserver<DeviceMessage> call) {
    this.call = call;
  }

  /** Sends {@code message} on the current stream; dropped when there is none. */
  void send(DeviceMessage message) {
    if (call == null) {
      return;
    }
    try {
      call.onNext(message);
    } catch (RuntimeException e) {
      log.debug("device {}: send failed: {}", deviceId, e.toString());
    }
  }

  /** Forgets the stream, half-closing it first when {@code halfClose}. */
  void close(boolean halfClose) {
    if (call != null && halfClose) {
      try {
        call.onCompleted();
      } catch (RuntimeException e) {
        log.debug("device {}: half-close failed: {}", deviceId, e.toString());
      }
    }
    call = null;
  }
}
