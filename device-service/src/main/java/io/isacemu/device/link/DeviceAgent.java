package io.isacemu.device.link;

import io.grpc.stub.ClientCallStreamObserver;
import io.isacemu.core.validation.Check;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.RegisterAck;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's side of the {@code DeviceLink.Attach} session protocol (device.proto): attach,
 * Register, wait for RegisterAck, then StateReports every report period ({@link ReportScheduler}),
 * SenseCommands answered in chunks ({@link CommandHandler}), ConfigUpdate and Disconnect honoured.
 * A lost stream (error, completion, UNAVAILABLE) or a refused registration leads to a new attach
 * after an exponential, seeded-jitter {@link Backoff}; nothing the BS does makes the agent throw.
 * This class runs that session lifecycle.
 *
 * <p>Threading: every piece of session state is confined to the agent's own single-threaded
 * {@link AgentThread}; gRPC callbacks only hand messages over to it ({@link InboundRelay}), and the
 * modelled sensing and air time is a scheduled delay there, never a sleep on a gRPC thread. Outbound
 * flow control is left to gRPC's buffering (answers are bounded by the command size). Time is read
 * from the emulator's {@link io.isacemu.device.emulator.WallClock} only.
 */
public final class DeviceAgent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeviceAgent.class);
  private static final long CLOSE_TIMEOUT_MS = 2_000;

  private final DeviceEmulator emulator;
  private final DeviceLinkGrpc.DeviceLinkStub stub;
  private final LinkSettings settings;
  private final LinkEvents events;
  private final Backoff backoff;
  private final AgentThread thread;
  private final Outbound outbound;
  private final ReportScheduler reports;
  private final CommandHandler commands;
  private final String deviceId;
  private final Runnable beforeAttach;

  private volatile LinkState state = LinkState.STOPPED;
  private volatile Optional<String> sessionId = Optional.empty();
  private volatile boolean closed;

  // Confined to the agent thread; bumped when a session ends so that its late callbacks are dropped.
  private long generation;

  /**
   * @param sensing the device's command executor (and, through it, its emulator and clock)
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
    Check.present("sensing", sensing);
    this.emulator = sensing.emulator();
    this.stub = Check.present("stub", stub);
    this.settings = Check.present("settings", settings);
    this.events = Check.present("events", events);
    this.backoff = new Backoff(settings.backoff(), new SplittableRandom(backoffSeed));
    this.deviceId = emulator.spec().deviceId();
    this.thread = new AgentThread(deviceId);
    this.outbound = new Outbound(deviceId);
    this.reports = new ReportScheduler(deviceId, emulator, settings.defaultReportPeriodMs(), events,
        thread, outbound, () -> state == LinkState.ATTACHED);
    this.commands = new CommandHandler(deviceId, sensing, emulator.clock(), events, thread, outbound);
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

  /** Whether a command is in flight (the fleet API changes a device only when not). */
  public boolean busy() {
    return commands.busy();
  }

  /** Starts attaching (asynchronously). */
  public void start() {
    state = LinkState.CONNECTING;
    thread.execute(this::connect);
  }

  /** Half-closes the session (if any) and stops the agent's thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.runAndWait(() -> endSession(true), CLOSE_TIMEOUT_MS);
    thread.shutdown();
    state = LinkState.STOPPED;
  }

  private void connect() {
    if (closed) {
      return;
    }
    long myGeneration = ++generation;
    state = LinkState.CONNECTING;
    InboundRelay inbound = new InboundRelay(thread, emulator.clock(), () -> generation == myGeneration,
        new InboundRelay.Session() {
          @Override
          public void onMessage(BsMessage message, long receivedNanos) {
            handle(message, receivedNanos);
          }

          @Override
          public void onLost(String why) {
            lost(why);
          }
        });
    try {
      beforeAttach.run();
      outbound.open((ClientCallStreamObserver<DeviceMessage>) stub.attach(inbound));
      state = LinkState.REGISTERING;
      outbound.send(DeviceMessage.newBuilder()
          .setRegister(ProtoMapper.register(emulator, emulator.snapshot(), settings))
          .build());
    } catch (RuntimeException e) {
      lost("attach failed: " + e);
    }
  }

  private void handle(BsMessage message, long receivedNanos) {
    switch (message.getKindCase()) {
      case REGISTER_ACK -> onRegisterAck(message.getRegisterAck());
      case SENSE_COMMAND -> {
        if (state == LinkState.ATTACHED) {
          commands.onCommand(message.getSenseCommand(), receivedNanos);
        } else {
          log.warn("device {}: ignoring SenseCommand {} before registration", deviceId,
              message.getSenseCommand().getCommandId());
        }
      }
      case CONFIG_UPDATE -> {
        if (state == LinkState.ATTACHED) {
          reports.reschedule(message.getConfigUpdate().getReportPeriodMs());
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
      case STATE_QUERY -> {
        if (state == LinkState.ATTACHED) {
          reports.answer(message.getStateQuery());
        }
      }
      case EMULATION_RESET -> {
        try {
          emulator.reset(message.getEmulationReset().getPlatformSeed());
          log.info("device {}: trace restarted at emulated time 0, platform seed {}", deviceId,
              message.getEmulationReset().getPlatformSeed());
        } catch (IllegalStateException e) {
          log.warn("device {}: {}", deviceId, e.getMessage());
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
    commands.configure(ack);
    backoff.reset();
    sessionId = Optional.of(ack.getSessionId());
    state = LinkState.ATTACHED;
    log.info("device {}: attached, session {}", deviceId, ack.getSessionId());
    reports.begin(ack.getReportPeriodMs());
  }

  private void lost(String why) {
    log.warn("device {}: link lost ({})", deviceId, why);
    endSession(false);
    scheduleReconnect(backoff.nextDelayMs());
  }

  /** Ends the current session; later callbacks of its stream are ignored (generation bump). */
  private void endSession(boolean halfClose) {
    generation++;
    reports.stop();
    commands.cancel();
    outbound.close(halfClose);
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
      thread.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      state = LinkState.STOPPED;
    }
  }
}
