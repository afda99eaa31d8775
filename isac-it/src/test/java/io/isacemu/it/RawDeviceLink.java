package io.isacemu.it;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One raw {@code DeviceLink.Attach} stream driven by the test: sends whatever DeviceMessages it is
 * given (malformed ones included) and records what the BS answers and how the stream ends.
 */
final class RawDeviceLink implements AutoCloseable {

  private final BlockingQueue<BsMessage> received = new LinkedBlockingQueue<>();
  /** How the BS ended the stream: OK for a completion, the status of an error. */
  final CompletableFuture<Status> ended = new CompletableFuture<>();
  private final StreamObserver<DeviceMessage> out;

  RawDeviceLink(ManagedChannel channel) {
    out = DeviceLinkGrpc.newStub(channel).attach(new StreamObserver<>() {
      @Override
      public void onNext(BsMessage m) {
        received.add(m);
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        ended.complete(Status.OK);
      }
    });
  }

  void send(DeviceMessage m) {
    out.onNext(m);
  }

  /** The next message from the BS. */
  BsMessage next(Duration atMost) throws InterruptedException {
    BsMessage m = received.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no message from the BS within " + atMost);
    }
    return m;
  }

  /** How the stream ended. */
  Status end(Duration atMost) throws Exception {
    return ended.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      out.onCompleted();
    } catch (RuntimeException ignored) {
      // already closed by the BS
    }
  }
}
