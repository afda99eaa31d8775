package io.isacemu.device.link;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.isacemu.core.validation.Check;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.sensing.SenseOutcome;
import io.isacemu.device.sensing.SenseRequest;
import io.isacemu.device.sensing.SenseStatus;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Heartbeat;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseResultChunks;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's side of the {@code DeviceLink.Attach} session protocol (device.proto): attach,
 * Register, wait for RegisterAck, then StateReports every report period, SenseCommands answered in
 * chunks, ConfigUpdate and Disconnect honoured. A lost stream (error, completion, UNAVAILABLE) or a
 * refused registration leads to a new attach after an exponential, seeded-jitter {@link Backoff};
 * nothing the BS does makes the agent throw.
 *
 * <p>Threading: every piece of session state is confined to the agent's own single-threaded
 * scheduler; gRPC callbacks only hand messages over to it, and the modelled sensing and air time
 * is a scheduled delay there, never a sleep on a gRPC thread. One command at a time: a command
 * arriving while another is pending is answered {@code BUSY}. Outbound flow control is left to
 * gRPC's buffering (answers are bounded by the command size).
 */
public final class DeviceAgent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeviceAgent.class);

  private final SensingService sensing;
  private final DeviceEmulator emulator;
  private final DeviceLinkGrpc.DeviceLinkStub stub;
  private final LinkSettings settings;
  private final LinkEvents events;
  private final Backoff backoff;
  private final ScheduledExecutorService executor;
  private final String deviceId;
  private final Runnable beforeAttach;

  private volatile LinkState state = LinkState.STOPPED;
  private volatile Optional<String> sessionId = Optional.empty();
  private volatile boolean closed;

  // Confined to the executor thread.
  private long generation;
  private ClientCallStreamObserver<DeviceMessage> outbound;
  private long sequenceNumber;
  private double sessionStartS;
  private int maxMessageBytes = SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES;
  private ScheduledFuture<?> reportTask;
  private ScheduledFuture<?> pendingCommand;
  private long busyCommandId;

  /**
   * @param sensing the device's command executor (and, through it, its emulator)
   * @param stub async stub of the BS's DeviceLink service
   * @param settings session settings
   * @param events metrics sink
   * @param backoffSeed seed of the reconnect jitter
   */
  public DeviceAgent(
      SensingService sensing,
      DeviceLinkGrpc.DeviceLinkStub stub,
      LinkSettings settings,
      LinkEvents events,
      long backoffSeed) {
    this(sensing, stub, settings, events, backoffSeed, () -> { });
  }

  /**
   * As {@link #DeviceAgent(SensingService, DeviceLinkGrpc.DeviceLinkStub, LinkSettings, LinkEvents,
   * long)}, running {@code beforeAttach} before every attach attempt. The service passes {@code
   * ManagedChannel::resetConnectBackoff}: otherwise the channel's own transport backoff (up to
   * 120 s in grpc-java) would fail attempts fast long after the BS is back, overriding this
   * agent's bounded backoff.
   */
  public DeviceAgent(
      SensingService sensing,
      DeviceLinkGrpc.DeviceLinkStub stub,
      LinkSettings settings,
      LinkEvents events,
      long backoffSeed,
      Runnable beforeAttach) {
    this.beforeAttach = Check.present("beforeAttach", beforeAttach);
    this.sensing = Check.present("sensing", sensing);
    this.emulator = sensing.emulator();
    this.stub = Check.present("stub", stub);
    this.settings = Check.present("settings", settings);
    this.events = Check.present("events", events);
    this.backoff = new Backoff(settings.backoff(), new SplittableRandom(backoffSeed));
    this.deviceId = emulator.spec().deviceId();
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "device-" + deviceId);
      t.setDaemon(true);
      return t;
    });
  }

  /** The device's id. */
  public String deviceId() {
    return deviceId;
  }

  /** The device's emulator. */
  public DeviceEmulator emulator() {
    return emulator;
  }

  /** Current link state. */
  public LinkState state() {
    return state;
  }

  /** The BS-assigned id of the current session, when attached. */
  public Optional<String> sessionId() {
    return sessionId;
  }

  /** Starts attaching (asynchronously). */
  public void start() {
    state = LinkState.CONNECTING;
    run(this::connect);
  }

  /** Half-closes the session (if any) and stops the agent's thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      executor.submit(() -> endSession(true)).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("device {}: session end on close did not complete: {}", deviceId, e.toString());
    }
    executor.shutdownNow();
    state = LinkState.STOPPED;
  }

  /**
   * A task that logs instead of throwing: an exception would silently cancel a periodic task and
   * be swallowed by a scheduled future.
   */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("device {}: unexpected failure", deviceId, e);
      }
    };
  }

  private void run(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      // Closed: nothing left to do.
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    long myGeneration = ++generation;
    state = LinkState.CONNECTING;
    StreamObserver<BsMessage> inbound = new StreamObserver<>() {
      @Override
      public void onNext(BsMessage message) {
        long receivedNanos = System.nanoTime();
        run(() -> {
          if (generation == myGeneration) {
            handle(message, receivedNanos);
          }
        });
      }

      @Override
      public void onError(Throwable t) {
        run(() -> {
          if (generation == myGeneration) {
            Status status = Status.fromThrowable(t);
            lost("stream failed: " + status.getCode() + " " + status.getDescription());
          }
        });
      }

      @Override
      public void onCompleted() {
        run(() -> {
          if (generation == myGeneration) {
            lost("BS closed the stream");
          }
        });
      }
    };
    try {
      beforeAttach.run();
      outbound = (ClientCallStreamObserver<DeviceMessage>) stub.attach(inbound);
      state = LinkState.REGISTERING;
      send(DeviceMessage.newBuilder()
          .setRegister(ProtoMapper.register(emulator, emulator.snapshot(), settings))
          .build());
    } catch (RuntimeException e) {
      lost("attach failed: " + e);
    }
  }

  private void handle(BsMessage message, long receivedNanos) {
    switch (message.getKindCase()) {
      case REGISTER_ACK -> onRegisterAck(message.getRegisterAck());
      case SENSE_COMMAND -> onSenseCommand(message.getSenseCommand(), receivedNanos);
      case CONFIG_UPDATE -> {
        if (state == LinkState.ATTACHED) {
          scheduleReports(message.getConfigUpdate().getReportPeriodMs());
        }
      }
      case DISCONNECT -> {
        long retryMs = Integer.toUnsignedLong(message.getDisconnect().getRetryAfterMs());
        log.info("device {}: BS disconnected: {} (retry after {} ms)", deviceId,
            message.getDisconnect().getReason(), retryMs);
        endSession(true);
        if (retryMs == 0) {
          state = LinkState.STOPPED;
        } else {
          scheduleReconnect(retryMs);
        }
      }
      case KIND_NOT_SET -> log.warn("device {}: ignoring a BsMessage with no kind set", deviceId);
    }
  }

  private void onRegisterAck(RegisterAck ack) {
    if (state != LinkState.REGISTERING) {
      log.warn("device {}: ignoring an unexpected RegisterAck in state {}", deviceId, state);
      return;
    }
    if (!ack.getAccepted()) {
      log.warn("device {}: registration refused: {}", deviceId, ack.getReason());
      endSession(true);
      scheduleReconnect(backoff.nextDelayMs());
      return;
    }
    try {
      maxMessageBytes = SenseResultChunks.maxMessageBytes(ack);
    } catch (IllegalArgumentException e) {
      log.warn("device {}: {}; using {} bytes", deviceId, e.getMessage(),
          SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES);
      maxMessageBytes = SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES;
    }
    backoff.reset();
    sessionId = Optional.of(ack.getSessionId());
    sequenceNumber = 0;
    sessionStartS = emulator.emulatedTimeS();
    state = LinkState.ATTACHED;
    log.info("device {}: attached, session {}", deviceId, ack.getSessionId());
    scheduleReports(ack.getReportPeriodMs());
  }

  private void scheduleReports(int announcedPeriodMs) {
    long periodMs = Integer.toUnsignedLong(announcedPeriodMs);
    if (periodMs == 0) {
      periodMs = settings.defaultReportPeriodMs();
    } else if (periodMs < LinkSettings.MIN_REPORT_PERIOD_MS || periodMs > LinkSettings.MAX_REPORT_PERIOD_MS) {
      long clamped = Math.max(LinkSettings.MIN_REPORT_PERIOD_MS,
          Math.min(LinkSettings.MAX_REPORT_PERIOD_MS, periodMs));
      log.warn("device {}: report_period_ms {} outside [10, 60000]; using {}", deviceId, periodMs, clamped);
      periodMs = clamped;
    }
    if (reportTask != null) {
      reportTask.cancel(false);
    }
    reportTask = executor.scheduleAtFixedRate(guarded(this::sendReport), 0, periodMs, TimeUnit.MILLISECONDS);
  }

  private void sendReport() {
    if (state != LinkState.ATTACHED) {
      return;
    }
    sequenceNumber++;
    send(DeviceMessage.newBuilder()
        .setStateReport(ProtoMapper.stateReport(emulator.snapshot(), sequenceNumber, sessionStartS,
            emulator.clock().now()))
        .build());
    events.reportSent(deviceId);
  }

  private void onSenseCommand(SenseCommand command, long receivedNanos) {
    if (state != LinkState.ATTACHED) {
      log.warn("device {}: ignoring SenseCommand {} before registration", deviceId,
          command.getCommandId());
      return;
    }
    SenseRequest request = ProtoMapper.senseRequest(command);
    Optional<SenseOutcome> refusal = sensing.validate(request);
    if (refusal.isPresent()) {
      answer(request, refusal.get(), receivedNanos);
      return;
    }
    if (pendingCommand != null) {
      answer(request, SenseOutcome.refused(SenseStatus.BUSY,
          "busy with command " + Long.toUnsignedString(busyCommandId)), receivedNanos);
      return;
    }
    send(DeviceMessage.newBuilder()
        .setHeartbeat(Heartbeat.newBuilder()
            .setSentAt(ProtoMapper.timestamp(emulator.clock().now()))
            .setAckedCommandId(request.commandId()))
        .build());
    SenseOutcome outcome;
    try {
      outcome = sensing.execute(request);
    } catch (RuntimeException e) {
      log.error("device {}: command {} failed", deviceId, request.commandId(), e);
      outcome = SenseOutcome.refused(SenseStatus.INTERNAL, "device error: " + e.getMessage());
    }
    SenseOutcome result = outcome;
    busyCommandId = request.commandId();
    long delayNanos = Math.round(result.wallDelayS() * 1e9);
    pendingCommand = executor.schedule(guarded(() -> {
      pendingCommand = null;
      answer(request, result, receivedNanos);
    }), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void answer(SenseRequest request, SenseOutcome outcome, long receivedNanos) {
    double wallS = (System.nanoTime() - receivedNanos) / 1e9;
    SenseResult whole = ProtoMapper.senseResult(request.taskId(), request.commandId(), outcome, wallS);
    List<SenseResult> chunks;
    try {
      chunks = SenseResultChunks.split(whole, maxMessageBytes);
    } catch (IllegalArgumentException e) {
      outcome = SenseOutcome.refused(SenseStatus.INTERNAL, "cannot chunk the answer: " + e.getMessage());
      chunks = List.of(ProtoMapper.senseResult(request.taskId(), request.commandId(), outcome, wallS));
    }
    for (SenseResult chunk : chunks) {
      send(DeviceMessage.newBuilder().setSenseResult(chunk).build());
    }
    events.commandAnswered(deviceId, outcome.status(), outcome.bitsSent());
  }

  private void send(DeviceMessage message) {
    if (outbound == null) {
      return;
    }
    try {
      outbound.onNext(message);
    } catch (RuntimeException e) {
      // The call is already dead; its onError/onCompleted drives the reconnect.
      log.debug("device {}: send failed: {}", deviceId, e.toString());
    }
  }

  private void lost(String why) {
    log.warn("device {}: link lost ({})", deviceId, why);
    endSession(false);
    scheduleReconnect(backoff.nextDelayMs());
  }

  /** Ends the current session; later callbacks of its stream are ignored (generation bump). */
  private void endSession(boolean halfClose) {
    generation++;
    if (reportTask != null) {
      reportTask.cancel(false);
      reportTask = null;
    }
    if (pendingCommand != null) {
      pendingCommand.cancel(false);
      pendingCommand = null;
    }
    if (outbound != null && halfClose) {
      try {
        outbound.onCompleted();
      } catch (RuntimeException e) {
        log.debug("device {}: half-close failed: {}", deviceId, e.toString());
      }
    }
    outbound = null;
    sessionId = Optional.empty();
  }

  private void scheduleReconnect(long delayMs) {
    if (closed) {
      state = LinkState.STOPPED;
      return;
    }
    state = LinkState.RECONNECTING;
    events.reconnectScheduled(deviceId, delayMs);
    log.info("device {}: re-attaching in {} ms", deviceId, delayMs);
    try {
      executor.schedule(guarded(this::connect), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      state = LinkState.STOPPED;
    }
  }
}
