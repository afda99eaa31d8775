package io.isacemu.device.testing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Register;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseResultChunks;
import io.isacemu.proto.StateReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** A scriptable BS for tests: records every session and what the device sent on it. */
public final class FakeBs extends DeviceLinkGrpc.DeviceLinkImplBase {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final BlockingQueue<Session> newSessions = new LinkedBlockingQueue<>();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private volatile Function<Register, RegisterAck> acker = r -> accept(20, 0);

  /** An accepting ack. */
  public static RegisterAck accept(int reportPeriodMs, int maxMessageBytes) {
    return RegisterAck.newBuilder().setAccepted(true).setSessionId("s-" + System.nanoTime())
        .setReportPeriodMs(reportPeriodMs).setMaxMessageBytes(maxMessageBytes).build();
  }

  /** Decides the answer to each Register. */
  public void setAcker(Function<Register, RegisterAck> acker) {
    this.acker = acker;
  }

  /** Every session so far. */
  public List<Session> sessions() {
    return List.copyOf(sessions);
  }

  /** The next session to open, once its Register was answered (waits up to 10 s). */
  public Session nextSession() throws InterruptedException {
    Session s = newSessions.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null) {
      throw new AssertionError("no new session within " + TIMEOUT);
    }
    s.register();
    return s;
  }

  @Override
  public StreamObserver<DeviceMessage> attach(StreamObserver<BsMessage> out) {
    Session session = new Session(out);
    sessions.add(session);
    newSessions.add(session);
    return new StreamObserver<>() {
      @Override
      public void onNext(DeviceMessage message) {
        if (message.hasRegister()) {
          RegisterAck ack = acker.apply(message.getRegister());
          session.send(BsMessage.newBuilder().setRegisterAck(ack).build());
          if (!ack.getAccepted()) {
            session.complete();
          }
          // Published after the ack went out, so a test never sends a command before it.
          session.register = message.getRegister();
        }
        session.received.add(message);
      }

      @Override
      public void onError(Throwable t) {
        session.ended = true;
      }

      @Override
      public void onCompleted() {
        session.ended = true;
        session.complete();
      }
    };
  }

  /** One Attach stream. */
  public static final class Session {
    private final StreamObserver<BsMessage> out;
    private final BlockingQueue<DeviceMessage> received = new LinkedBlockingQueue<>();
    private volatile Register register;
    private volatile boolean ended;
    private boolean closed;

    Session(StreamObserver<BsMessage> out) {
      this.out = out;
    }

    /** The Register of this session (after the first message arrived). */
    public Register register() throws InterruptedException {
      for (int i = 0; i < 1000 && register == null; i++) {
        Thread.sleep(10);
      }
      if (register == null) {
        throw new AssertionError("no Register");
      }
      return register;
    }

    /** Whether the device half-closed or the stream failed. */
    public boolean ended() {
      return ended;
    }

    public synchronized void send(BsMessage message) {
      if (!closed) {
        out.onNext(message);
      }
    }

    public void command(SenseCommand command) {
      send(BsMessage.newBuilder().setSenseCommand(command).build());
    }

    public synchronized void complete() {
      if (!closed) {
        closed = true;
        out.onCompleted();
      }
    }

    /** Breaks the stream as a crashing BS would. */
    public synchronized void kill() {
      if (!closed) {
        closed = true;
        out.onError(Status.UNAVAILABLE.withDescription("BS killed the stream").asRuntimeException());
      }
    }

    /** The next message matching {@code filter}, discarding the others. */
    public DeviceMessage next(Predicate<DeviceMessage> filter) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        DeviceMessage m = received.poll(50, TimeUnit.MILLISECONDS);
        if (m != null && filter.test(m)) {
          return m;
        }
      }
      throw new AssertionError("no matching message within " + TIMEOUT);
    }

    /** The next {@code n} StateReports. */
    public List<StateReport> reports(int n) throws InterruptedException {
      List<StateReport> reports = new ArrayList<>();
      while (reports.size() < n) {
        reports.add(next(DeviceMessage::hasStateReport).getStateReport());
      }
      return reports;
    }

    /** All chunks of the next answer (of any command), in arrival order. */
    public List<SenseResult> resultChunks() throws InterruptedException {
      List<SenseResult> chunks = new ArrayList<>();
      while (true) {
        SenseResult chunk = next(DeviceMessage::hasSenseResult).getSenseResult();
        chunks.add(chunk);
        if (chunk.getLastChunk()) {
          return chunks;
        }
      }
    }

    /** The next complete answer, assembled with {@link SenseResultChunks.Assembler}. */
    public SenseResult result() throws InterruptedException {
      return assemble(resultChunks());
    }

    public static SenseResult assemble(List<SenseResult> chunks) {
      SenseResultChunks.Assembler assembler = new SenseResultChunks.Assembler();
      Optional<SenseResult> whole = Optional.empty();
      for (SenseResult chunk : chunks) {
        whole = assembler.accept(chunk);
      }
      return whole.orElseThrow();
    }
  }
}
