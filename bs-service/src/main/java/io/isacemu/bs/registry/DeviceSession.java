package io.isacemu.bs.registry;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Disconnect;
import io.isacemu.proto.EmulationReset;
import io.isacemu.proto.StateQuery;
import io.isacemu.proto.StateReport;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseResultChunks;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Attach stream: the device.proto session protocol (Register first, then reports, heartbeats
 * and sense-result chunks). A protocol violation ends only this stream (INVALID_ARGUMENT or a
 * Disconnect), never the server. Outbound messages are serialised (a StreamObserver is not
 * thread-safe).
 */
final class DeviceSession implements StreamObserver<DeviceMessage> {

  private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);

  private enum State { AWAIT_REGISTER, ACTIVE, CLOSED }

  private final DeviceRegistry registry;
  private final StreamObserver<BsMessage> out;
  private final int maxMessageBytes;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong commandIds = new AtomicLong();
  /** Emulated mode: StateQuery id → the answer (a StateReport with answers_query_id). */
  private final Map<Long, CompletableFuture<StateReport>> queries = new ConcurrentHashMap<>();
  private final AtomicLong queryIds = new AtomicLong();
  private volatile State state = State.AWAIT_REGISTER;
  private volatile String deviceId = "";
  private volatile String sessionId = "";

  private static final class Pending {
    final CompletableFuture<SenseResult> future = new CompletableFuture<>();
    final SenseResultChunks.Assembler assembler = new SenseResultChunks.Assembler();
    /** Samples the command asked for: an answer never holds more, in at most this + 1 chunks. */
    final int expectedSamples;
    int receivedSamples;
    int chunks;

    Pending(int expectedSamples) {
      this.expectedSamples = expectedSamples;
    }
  }

  DeviceSession(DeviceRegistry registry, StreamObserver<BsMessage> out, int maxMessageBytes) {
    this.registry = registry;
    this.out = out;
    this.maxMessageBytes = maxMessageBytes;
  }

  String deviceId() {
    return deviceId;
  }

  String sessionId() {
    return sessionId;
  }

  @Override
  public void onNext(DeviceMessage msg) {
    if (state == State.CLOSED) {
      return;
    }
    if (msg.getSerializedSize() > maxMessageBytes) {
      fail(Status.INVALID_ARGUMENT.withDescription("message of " + msg.getSerializedSize()
          + " bytes exceeds max_message_bytes " + maxMessageBytes));
      return;
    }
    switch (msg.getKindCase()) {
      case REGISTER -> {
        if (state != State.AWAIT_REGISTER) {
          fail(Status.INVALID_ARGUMENT.withDescription("register: sent twice in one session"));
          return;
        }
        DeviceRegistry.Admission a = registry.admit(msg.getRegister(), this);
        if (a.accepted()) {
          deviceId = msg.getRegister().getDeviceId();
          sessionId = a.sessionId();
          state = State.ACTIVE;
          send(BsMessage.newBuilder().setRegisterAck(RegisterAck.newBuilder().setAccepted(true)
              .setSessionId(a.sessionId()).setReportPeriodMs(a.reportPeriodMs())
              .setMaxMessageBytes(maxMessageBytes)).build());
          // ordered on the stream before any command: the new device starts at the BS's current seed
          a.emulationSeed().ifPresent(this::resetEmulation);
        } else {
          send(BsMessage.newBuilder().setRegisterAck(
              RegisterAck.newBuilder().setAccepted(false).setReason(a.reason())).build());
          complete();
        }
      }
      case KIND_NOT_SET -> fail(Status.INVALID_ARGUMENT.withDescription("kind: no message kind set"));
      default -> {
        if (state != State.ACTIVE) {
          disconnect("the first message of a session must be register", 0);
          return;
        }
        switch (msg.getKindCase()) {
          case STATE_REPORT -> {
            registry.report(this, msg.getStateReport());
            long q = msg.getStateReport().getAnswersQueryId();
            CompletableFuture<StateReport> answer = q == 0 ? null : queries.remove(q);
            if (answer != null) {
              answer.complete(msg.getStateReport());
            }
          }
          case HEARTBEAT -> registry.seen(this);
          case SENSE_RESULT -> onResult(msg.getSenseResult());
          default -> throw new IllegalStateException("unreachable: " + msg.getKindCase());
        }
      }
    }
  }

  private void onResult(SenseResult chunk) {
    registry.seen(this);
    Pending p = pending.get(chunk.getCommandId());
    if (p == null) {
      log.debug("device {}: result chunk for unknown or expired command {}", deviceId, chunk.getCommandId());
      return;
    }
    synchronized (p) {
      p.receivedSamples += chunk.getSamplesCount();
      p.chunks++;
      if (p.receivedSamples > p.expectedSamples || p.chunks > p.expectedSamples + 1) {
        // a lying or broken device cannot make the BS buffer without end
        p.future.completeExceptionally(new IllegalArgumentException("samples: device " + deviceId + " sent "
            + p.receivedSamples + " samples in " + p.chunks + " chunks for command " + chunk.getCommandId()
            + ", which asked for " + p.expectedSamples));
        return;
      }
      try {
        p.assembler.accept(chunk).ifPresent(p.future::complete);
      } catch (IllegalArgumentException e) {
        p.future.completeExceptionally(e);
      }
    }
  }

  /** Ends the stream if it has not registered yet (called {@code timeoutMs} after it opened). */
  synchronized void expireIfUnregistered(long timeoutMs) {
    if (state == State.AWAIT_REGISTER) {
      fail(Status.DEADLINE_EXCEEDED.withDescription("register: none within " + timeoutMs + " ms of opening the stream"));
    }
  }

  /** Sends {@code cmd} with a fresh command id; the future completes with the assembled answer. */
  CompletableFuture<SenseResult> sense(SenseCommand.Builder cmd) {
    long id = commandIds.incrementAndGet();
    Pending p = new Pending(cmd.getSampleIdsCount());
    p.future.whenComplete((r, e) -> pending.remove(id));
    if (state != State.ACTIVE) {
      p.future.completeExceptionally(new SessionLostException("device " + deviceId + ": session is closed"));
      return p.future;
    }
    pending.put(id, p);
    send(BsMessage.newBuilder().setSenseCommand(cmd.setCommandId(id)).build());
    if (state == State.CLOSED) {
      failPending("device " + deviceId + ": session closed");
    }
    return p.future;
  }

  /** Emulated mode: asks for the state at {@code emulatedTimeS}; completes with the device's answer. */
  CompletableFuture<StateReport> query(double emulatedTimeS) {
    long id = queryIds.incrementAndGet();
    CompletableFuture<StateReport> f = new CompletableFuture<>();
    f.whenComplete((r, e) -> queries.remove(id));
    if (state != State.ACTIVE) {
      f.completeExceptionally(new SessionLostException("device " + deviceId + ": session is closed"));
      return f;
    }
    queries.put(id, f);
    send(BsMessage.newBuilder().setStateQuery(StateQuery.newBuilder().setQueryId(id)
        .setEmulatedTimeS(emulatedTimeS)).build());
    if (state == State.CLOSED) {
      failPending("device " + deviceId + ": session closed");
    }
    return f;
  }

  /** Emulated mode: tells the device to restart its trace at emulated time 0 with {@code seed}. */
  void resetEmulation(long seed) {
    send(BsMessage.newBuilder().setEmulationReset(EmulationReset.newBuilder().setPlatformSeed(seed)).build());
  }

  /** Ends the session with a Disconnect (retry after {@code retryAfterMs}) and fails its commands. */
  void disconnect(String reason, int retryAfterMs) {
    send(BsMessage.newBuilder().setDisconnect(
        Disconnect.newBuilder().setReason(reason).setRetryAfterMs(retryAfterMs)).build());
    complete();
  }

  private synchronized void send(BsMessage m) {
    if (state == State.CLOSED) {
      return;
    }
    try {
      out.onNext(m);
    } catch (RuntimeException e) {
      // the call was cancelled under us: the stream is gone
      log.debug("device {}: send failed: {}", deviceId, e.toString());
      closeLocally("send failed: " + e.getMessage());
    }
  }

  private synchronized void complete() {
    if (state == State.CLOSED) {
      return;
    }
    closeLocally("closed by the BS");
    try {
      out.onCompleted();
    } catch (RuntimeException ignored) {
      // already cancelled
    }
  }

  private synchronized void fail(Status status) {
    if (state == State.CLOSED) {
      return;
    }
    log.warn("device {}: protocol error: {}", deviceId.isEmpty() ? "<unregistered>" : deviceId, status.getDescription());
    registry.protocolError();
    closeLocally(status.getDescription());
    try {
      out.onError(status.asRuntimeException());
    } catch (RuntimeException ignored) {
      // already cancelled
    }
  }

  private void closeLocally(String reason) {
    boolean wasActive = state == State.ACTIVE;
    state = State.CLOSED;
    failPending("device " + deviceId + ": " + reason);
    if (wasActive) {
      registry.detached(this, reason);
    }
  }

  private void failPending(String reason) {
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(new SessionLostException(reason));
    }
    for (CompletableFuture<StateReport> q : queries.values()) {
      q.completeExceptionally(new SessionLostException(reason));
    }
  }

  @Override
  public void onError(Throwable t) {
    synchronized (this) {
      if (state != State.CLOSED) {
        closeLocally("stream broken: " + Status.fromThrowable(t).getCode());
      }
    }
  }

  @Override
  public void onCompleted() {
    complete();
  }
}
