package io.isacemu.device.link;

import io.isacemu.core.time.TimeMode;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSnapshot;
import io.isacemu.proto.StateQuery;
import io.isacemu.proto.DeviceMessage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a session's StateReports every report period: sequence numbers from 1 per session,
 * emulated time since the session registered. Confined to the {@link AgentThread}.
 */
final class ReportScheduler {

  private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);

  private final String deviceId;
  private final DeviceEmulator emulator;
  private final long defaultPeriodMs;
  private final LinkEvents events;
  private final AgentThread thread;
  private final Outbound outbound;
  private final BooleanSupplier attached;

  private long sequenceNumber;
  private double sessionStartS;
  private ScheduledFuture<?> task;

  /**
   * @param defaultPeriodMs period used when the BS announces 0, ms
   * @param attached whether the session is attached; reports are skipped otherwise
   */
  ReportScheduler(String deviceId, DeviceEmulator emulator, long defaultPeriodMs, LinkEvents events,
      AgentThread thread, Outbound outbound, BooleanSupplier attached) {
    this.deviceId = deviceId;
    this.emulator = emulator;
    this.defaultPeriodMs = defaultPeriodMs;
    this.events = events;
    this.thread = thread;
    this.outbound = outbound;
    this.attached = attached;
  }

  /** A new session starts now: sequence numbers restart, then reports every announced period. */
  void begin(int announcedPeriodMs) {
    sequenceNumber = 0;
    // emulated mode: reports carry the platform's emulated time (the BS's clock), not time since registration
    sessionStartS = emulator.mode() == TimeMode.EMULATED ? 0 : emulator.emulatedTimeS();
    reschedule(announcedPeriodMs);
  }

  /**
   * Reports every {@code announcedPeriodMs} (unsigned; 0 = the default period; outside
   * [{@link LinkSettings#MIN_REPORT_PERIOD_MS}, {@link LinkSettings#MAX_REPORT_PERIOD_MS}] is
   * clamped), the first one now.
   */
  void reschedule(int announcedPeriodMs) {
    long periodMs = Integer.toUnsignedLong(announcedPeriodMs);
    if (periodMs == 0) {
      periodMs = defaultPeriodMs;
    } else if (periodMs < LinkSettings.MIN_REPORT_PERIOD_MS || periodMs > LinkSettings.MAX_REPORT_PERIOD_MS) {
      long clamped = Math.max(LinkSettings.MIN_REPORT_PERIOD_MS,
          Math.min(LinkSettings.MAX_REPORT_PERIOD_MS, periodMs));
      log.warn("device {}: report_period_ms {} outside [10, 60000]; using {}", deviceId, periodMs, clamped);
      periodMs = clamped;
    }
    stop();
    task = thread.everyMs(this::sendReport, periodMs);
  }

  /** No more reports until the next {@link #begin}. */
  void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /**
   * Answers a StateQuery: steps to its time (a time before the device's current one is not
   * stepped to: the answer then carries the device's later time, which the BS refuses) and reports
   * the state there with {@code answers_query_id}; shares the session's sequence numbers.
   */
  void answer(StateQuery query) {
    if (!attached.getAsBoolean()) {
      return;
    }
    DeviceSnapshot state;
    try {
      state = emulator.advanceTo(query.getEmulatedTimeS());
    } catch (IllegalArgumentException | IllegalStateException e) {
      log.warn("device {}: state query {}: {}", deviceId, query.getQueryId(), e.getMessage());
      state = emulator.snapshot();
    }
    sequenceNumber++;
    outbound.send(DeviceMessage.newBuilder()
        .setStateReport(ProtoMapper.stateReport(state, sequenceNumber, sessionStartS, emulator.clock().now())
            .toBuilder().setAnswersQueryId(query.getQueryId()))
        .build());
  }

  private void sendReport() {
    if (!attached.getAsBoolean()) {
      return;
    }
    sequenceNumber++;
    outbound.send(DeviceMessage.newBuilder()
        .setStateReport(ProtoMapper.stateReport(emulator.snapshot(), sequenceNumber, sessionStartS,
            emulator.clock().now()))
        .build());
    events.reportSent(deviceId);
  }
}
