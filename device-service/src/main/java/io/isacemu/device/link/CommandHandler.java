package io.isacemu.device.link;

import io.isacemu.core.time.TimeMode;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.device.sensing.SenseOutcome;
import io.isacemu.device.sensing.SenseRequest;
import io.isacemu.device.sensing.SenseStatus;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Heartbeat;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseResultChunks;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an attached session's SenseCommands: validates, acknowledges with a Heartbeat, executes,
 * and sends the SenseResult chunks once the modelled time has passed — a scheduled delay on the
 * {@link AgentThread}, never a sleep. One command at a time; another one meanwhile is {@code BUSY}.
 * Confined to the agent thread.
 */
final class CommandHandler {

  private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

  private final String deviceId;
  private final SensingService sensing;
  private final WallClock clock;
  private final LinkEvents events;
  private final AgentThread thread;
  private final Outbound outbound;

  private int maxMessageBytes = SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES;
  // volatile: the fleet API reads it (busy) from a web thread
  private volatile ScheduledFuture<?> pending;
  private long busyCommandId;

  /** @param clock measures {@code wall_s} from receipt to the last chunk */
  CommandHandler(String deviceId, SensingService sensing, WallClock clock, LinkEvents events,
      AgentThread thread, Outbound outbound) {
    this.deviceId = deviceId;
    this.sensing = sensing;
    this.clock = clock;
    this.events = events;
    this.thread = thread;
    this.outbound = outbound;
  }

  /** Takes the session's chunk size from its RegisterAck (the default when the ack's is invalid). */
  void configure(RegisterAck ack) {
    try {
      maxMessageBytes = SenseResultChunks.maxMessageBytes(ack);
    } catch (IllegalArgumentException e) {
      log.warn("device {}: {}; using {} bytes", deviceId, e.getMessage(),
          SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES);
      maxMessageBytes = SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES;
    }
  }

  /**
   * Handles one command of the attached session.
   *
   * @param receivedNanos {@link WallClock#nanoTime()} when the message arrived
   */
  void onCommand(SenseCommand command, long receivedNanos) {
    SenseRequest request = ProtoMapper.senseRequest(command);
    Optional<SenseOutcome> refusal = sensing.validate(request);
    if (refusal.isPresent()) {
      answer(request, refusal.get(), receivedNanos);
      return;
    }
    if (pending != null) {
      answer(request, SenseOutcome.refused(SenseStatus.BUSY,
          "busy with command " + Long.toUnsignedString(busyCommandId)), receivedNanos);
      return;
    }
    Optional<String> badTime = stepTo(command);
    if (badTime.isPresent()) {
      answer(request, SenseOutcome.refused(SenseStatus.INVALID_COMMAND, badTime.get()), receivedNanos);
      return;
    }
    outbound.send(DeviceMessage.newBuilder()
        .setHeartbeat(Heartbeat.newBuilder()
            .setSentAt(ProtoMapper.timestamp(clock.now()))
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
    pending = thread.schedule(() -> {
      pending = null;
      answer(request, result, receivedNanos);
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Emulated time: steps the device to the command's {@code emulated_time_s} (required then); wall
   * time: the command must carry none. Why not, naming the field and the times, or empty.
   */
  private Optional<String> stepTo(SenseCommand command) {
    DeviceEmulator emulator = sensing.emulator();
    if (emulator.mode() == TimeMode.WALL) {
      return command.hasEmulatedTimeS()
          ? Optional.of("emulated_time_s: " + command.getEmulatedTimeS() + " s sent, but device " + deviceId
              + " runs on wall time (isac.device.time = wall); set both sides to the same time mode")
          : Optional.empty();
    }
    if (!command.hasEmulatedTimeS()) {
      return Optional.of("emulated_time_s: absent, but device " + deviceId
          + " runs on emulated time (isac.device.time = emulated) and senses only at the BS's stamp");
    }
    try {
      emulator.advanceTo(command.getEmulatedTimeS());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Whether a command's answer is pending (modelled sensing and air time still running). */
  boolean busy() {
    return pending != null;
  }

  /** Drops the pending answer, if any (the session ended). */
  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private void answer(SenseRequest request, SenseOutcome outcome, long receivedNanos) {
    double wallS = (clock.nanoTime() - receivedNanos) / 1e9;
    SenseResult whole = ProtoMapper.senseResult(request.taskId(), request.commandId(), outcome, wallS);
    List<SenseResult> chunks;
    try {
      chunks = SenseResultChunks.split(whole, maxMessageBytes);
    } catch (IllegalArgumentException e) {
      outcome = SenseOutcome.refused(SenseStatus.INTERNAL, "cannot chunk the answer: " + e.getMessage());
      chunks = List.of(ProtoMapper.senseResult(request.taskId(), request.commandId(), outcome, wallS));
    }
    for (SenseResult chunk : chunks) {
      outbound.send(DeviceMessage.newBuilder().setSenseResult(chunk).build());
    }
    events.commandAnswered(deviceId, outcome.status(), outcome.bitsSent());
  }
}
