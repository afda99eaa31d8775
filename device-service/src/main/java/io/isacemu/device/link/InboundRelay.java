package io.isacemu.device.link;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.proto.BsMessage;
import java.util.function.BooleanSupplier;

/**
 * The BS-to-device half of one session's stream: gRPC callbacks only hand their message over to
 * the {@link AgentThread}, where callbacks of a session that has since ended are dropped.
 */
final class InboundRelay implements StreamObserver<BsMessage> {

  /** What the relay hands over; called on the agent thread, for the current session only. */
  interface Session {

    /** A message arrived at {@code receivedNanos} ({@link WallClock#nanoTime()}). */
    void onMessage(BsMessage message, long receivedNanos);

    /** The stream ended ({@code why}, for the log). */
    void onLost(String why);
  }

  private final AgentThread thread;
  private final WallClock clock;
  private final BooleanSupplier current;
  private final Session session;

  /**
   * @param clock stamps the receipt of each message, on the gRPC thread
   * @param current whether this stream is still the agent's session (read on the agent thread)
   */
  InboundRelay(AgentThread thread, WallClock clock, BooleanSupplier current, Session session) {
    this.thread = thread;
    this.clock = clock;
    this.current = current;
    this.session = session;
  }

  @Override
  public void onNext(BsMessage message) {
    long receivedNanos = clock.nanoTime();
    thread.execute(() -> {
      if (current.getAsBoolean()) {
        session.onMessage(message, receivedNanos);
      }
    });
  }

  @Override
  public void onError(Throwable t) {
    thread.execute(() -> {
      if (current.getAsBoolean()) {
        Status status = Status.fromThrowable(t);
        session.onLost("stream failed: " + status.getCode() + " " + status.getDescription());
      }
    });
  }

  @Override
  public void onCompleted() {
    thread.execute(() -> {
      if (current.getAsBoolean()) {
        session.onLost("BS closed the stream");
      }
    });
  }
}
