package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.isacemu.proto.Register;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.StateReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The devices known to the BS, fed by the DeviceLink sessions.
 *
 * <p>Admission checks every Register (ranges, dataset, token) and refuses a second LIVE session with
 * the same device id. StateReports update the device's channel, position, energy and report lag
 * ({@code now − measured_at}); implausible reports (outside isac.bs.plausibility) are logged, counted
 * and ignored, and a device that keeps sending them is QUARANTINED. A device silent for
 * {@code lostAfterReports × reportPeriodMs} becomes LOST ({@link #checkLiveness()}); a re-attach makes
 * it LIVE again. Thread-safe; never calls into a session while holding its own lock.
 */
@Component
public class DeviceRegistry {

  private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);

  /** Outcome of a Register. */
  record Admission(boolean accepted, String sessionId, int reportPeriodMs, String reason) {}

  private final RegisterValidator validator;
  private final Clock clock;
  private final int reportPeriodMs;
  private final Duration lostAfter;
  private final Duration attachGrace;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sessionCounter = new AtomicLong();
  private final Map<String, DeviceView> views = new HashMap<>();
  private final Map<String, DeviceSession> sessions = new HashMap<>();
  /** Device id → end of its quarantine. Guarded by this. */
  private final Map<String, Instant> quarantinedUntil = new HashMap<>();
  /** Device id → implausible reports in a row in its current session. Guarded by this. */
  private final Map<String, Integer> invalidInARow = new HashMap<>();
  private final BsProperties.Plausibility plausibility;
  private final MeterRegistry meters;
  private final Counter quarantined;
  private final BsProperties.Limits limits;
  private final Counter protocolErrors;
  private final DistributionSummary reportLag;

  public DeviceRegistry(BsProperties properties, DatasetCatalog dataset, Clock clock, MeterRegistry meters) {
    this.validator = new RegisterValidator(dataset, properties.auth(), properties.plausibility(),
        properties.radio().settings());
    this.clock = clock;
    this.reportPeriodMs = properties.reportPeriodMs();
    this.lostAfter = Duration.ofMillis((long) properties.reportPeriodMs() * properties.lostAfterReports());
    this.attachGrace = Duration.ofMillis(properties.attachGraceMs());
    this.plausibility = properties.plausibility();
    this.limits = properties.limits();
    this.meters = meters;
    this.quarantined = Counter.builder("bs.devices.quarantined")
        .description("sessions ended for repeated implausible reports").register(meters);
    this.protocolErrors = Counter.builder("bs.devices.protocol.errors").description("streams ended for a protocol violation").register(meters);
    this.reportLag = DistributionSummary.builder("bs.devices.report.lag").baseUnit("milliseconds")
        .description("StateReport lag: receive time - measured_at").register(meters);
    Gauge.builder("bs.devices", this, r -> r.count(DeviceStatus.LIVE)).tag("status", "live").register(meters);
    Gauge.builder("bs.devices", this, r -> r.count(DeviceStatus.LOST)).tag("status", "lost").register(meters);
    Gauge.builder("bs.devices", this, r -> r.count(DeviceStatus.QUARANTINED)).tag("status", "quarantined")
        .register(meters);
  }

  /** {@code bs.devices.refused{reason}}: reason = the refused field (token, id, quarantine, ...). */
  private void countRefusal(String refusal) {
    String field = refusal.contains(":") ? refusal.substring(0, refusal.indexOf(':')) : "other";
    String reason = switch (field) {
      case "auth_token" -> "token";
      case "device_id" -> refusal.contains("quarantined") ? "quarantined" : refusal.contains("already attached")
          ? "duplicate" : refusal.contains("max-devices") ? "capacity" : "device_id";
      default -> field;
    };
    Counter.builder("bs.devices.refused").description("Registers refused, by reason").tag("reason", reason)
        .register(meters).increment();
  }

  /** {@code bs.devices.reports.invalid{field}}. */
  private void countInvalid(String invalid) {
    String field = invalid.contains(":") ? invalid.substring(0, invalid.indexOf(':')) : "other";
    Counter.builder("bs.devices.reports.invalid").description("StateReports rejected as invalid, by field")
        .tag("field", field).register(meters).increment();
  }

  Admission admit(Register r, DeviceSession session) {
    Optional<String> refusal = validator.refusal(r);
    if (refusal.isEmpty()) {
      synchronized (this) {
        DeviceView existing = views.get(r.getDeviceId());
        Instant until = quarantinedUntil.get(r.getDeviceId());
        if (until != null && clock.instant().isBefore(until)) {
          refusal = Optional.of("device_id: '" + r.getDeviceId() + "' is quarantined until " + until
              + " for implausible reports");
        } else if (existing == null && views.size() >= limits.maxDevices()) {
          refusal = Optional.of("device_id: '" + r.getDeviceId() + "' refused: the BS holds " + views.size()
              + " devices, the most isac.bs.limits.max-devices allows");
        } else if (existing != null && existing.status() == DeviceStatus.LIVE) {
          refusal = Optional.of("device_id: '" + r.getDeviceId() + "' is already attached (session "
              + existing.sessionId() + ")");
        } else {
          Instant now = clock.instant();
          String sessionId = instance + "-" + sessionCounter.incrementAndGet();
          views.put(r.getDeviceId(), new DeviceView(r.getDeviceId(), sessionId,
              BsProtos.modality(r.getModality()).orElseThrow(), DeviceStatus.LIVE, r.getSensingRateBps(),
              r.getTxPowerDbm(), r.getCpuHz(),
              r.getFlopsPerCycle() > 0 ? r.getFlopsPerCycle() : DeviceView.DEFAULT_FLOPS_PER_CYCLE, r.getFeatureDim(), r.getSequenceLength(), now, now,
              Optional.empty(), Optional.empty(), r.getPosition().getXM(), r.getPosition().getYM(), 0.0,
              Optional.empty(), 0, 0));
          sessions.put(r.getDeviceId(), session);
          quarantinedUntil.remove(r.getDeviceId());
          invalidInARow.remove(r.getDeviceId());
          log.info("device {} attached ({}, session {})", r.getDeviceId(), r.getModality(), sessionId);
          return new Admission(true, sessionId, reportPeriodMs, "");
        }
      }
    }
    countRefusal(refusal.get());
    log.info("device '{}' refused: {}", r.getDeviceId(), refusal.get());
    return new Admission(false, "", 0, refusal.get());
  }

  void report(DeviceSession session, StateReport r) {
    String quarantine = null;
    synchronized (this) {
      DeviceView v = current(session);
      if (v == null) {
        return;
      }
      Instant now = clock.instant();
      Optional<String> invalid = invalid(r, v, plausibility);
      if (invalid.isPresent()) {
        countInvalid(invalid.get());
        DeviceView counted = v.withInvalidReport(now);
        int inARow = invalidInARow.merge(v.deviceId(), 1, Integer::sum);
        if (inARow >= plausibility.quarantineAfterInvalid()) {
          // a repeated offender (a real device's rare outlier is followed by plausible reports):
          // out of every round, and refused for the quarantine
          quarantine = inARow + " implausible reports in a row, the last: " + invalid.get();
          views.put(v.deviceId(), counted.withStatus(DeviceStatus.QUARANTINED));
          sessions.remove(v.deviceId());
          quarantinedUntil.put(v.deviceId(), now.plusSeconds(plausibility.quarantineSeconds()));
          quarantined.increment();
          log.warn("device {} QUARANTINED for {} s: {}", v.deviceId(), plausibility.quarantineSeconds(), quarantine);
        } else {
          views.put(v.deviceId(), counted);
          log.warn("device {}: invalid StateReport ignored: {}", v.deviceId(), invalid.get());
        }
      } else {
        invalidInARow.remove(v.deviceId());
        Instant measured = Instant.ofEpochSecond(r.getMeasuredAt().getSeconds(), r.getMeasuredAt().getNanos());
        long lagMs = Math.max(0, Duration.between(measured, now).toMillis());
        reportLag.record(lagMs);
        views.put(v.deviceId(), v.withReport(now, r.getTxPowerDbm(),
            r.hasChannelGainDb() ? Optional.of(r.getChannelGainDb()) : Optional.empty(),
            r.hasSnrDb() ? Optional.of(r.getSnrDb()) : Optional.empty(),
            r.getPosition().getXM(), r.getPosition().getYM(), r.getEnergyUsedJ(), lagMs, r.getSequenceNumber()));
      }
    }
    if (quarantine != null) { // outside the lock: never call into a session while holding it
      session.disconnect("quarantined: " + quarantine, (int) Math.min(Integer.MAX_VALUE,
          plausibility.quarantineSeconds() * 1000));
    }
  }

  /** Why {@code r} is not a plausible report of device {@code v}, or empty. */
  static Optional<String> invalid(StateReport r, DeviceView v, BsProperties.Plausibility p) {
    if (r.getSequenceNumber() == 0) {
      return Optional.of("sequence_number: 0 must be >= 1");
    }
    if (!r.hasChannelGainDb() && !r.hasSnrDb()) {
      return Optional.of("channel_gain_db/snr_db: neither is set");
    }
    if (r.hasChannelGainDb() && !(r.getChannelGainDb() >= p.minChannelGainDb() && r.getChannelGainDb() <= p.maxChannelGainDb())) {
      return Optional.of("channel_gain_db: " + r.getChannelGainDb() + " must be in [" + p.minChannelGainDb() + ", "
          + p.maxChannelGainDb() + "]");
    }
    if (r.hasSnrDb() && !(r.getSnrDb() >= p.minSnrDb() && r.getSnrDb() <= p.maxSnrDb())) {
      return Optional.of("snr_db: " + r.getSnrDb() + " must be in [" + p.minSnrDb() + ", " + p.maxSnrDb() + "]");
    }
    if (!Double.isFinite(r.getTxPowerDbm()) || r.getTxPowerDbm() < -50 || r.getTxPowerDbm() > 50) {
      return Optional.of("tx_power_dbm: " + r.getTxPowerDbm() + " must be finite and in [-50, 50]");
    }
    if (!(r.getCpuLoad() >= 0 && r.getCpuLoad() <= 1)) {
      return Optional.of("cpu_load: " + r.getCpuLoad() + " must be in [0, 1]");
    }
    if (!(r.getEnergyUsedJ() >= 0) || !Double.isFinite(r.getEnergyUsedJ())) {
      return Optional.of("energy_used_j: " + r.getEnergyUsedJ() + " must be finite and >= 0");
    }
    if (r.getEnergyUsedJ() < v.energyUsedJ()) { // energy used since registration never decreases
      return Optional.of("energy_used_j: " + r.getEnergyUsedJ() + " is below the last report's " + v.energyUsedJ());
    }
    if (!(r.getSpeedMps() >= 0) || !Double.isFinite(r.getSpeedMps())) {
      return Optional.of("speed_mps: " + r.getSpeedMps() + " must be finite and >= 0");
    }
    double distanceM = Math.hypot(r.getPosition().getXM(), r.getPosition().getYM());
    if (!(distanceM <= p.cellRadiusM() + p.positionMarginM())) {
      return Optional.of("position: (" + r.getPosition().getXM() + ", " + r.getPosition().getYM() + ") is "
          + distanceM + " m from the BS, beyond the cell radius " + p.cellRadiusM() + " m + " + p.positionMarginM()
          + " m");
    }
    return Optional.empty();
  }

  synchronized void seen(DeviceSession session) {
    DeviceView v = current(session);
    if (v != null) {
      views.put(v.deviceId(), v.seenAt(clock.instant()));
    }
  }

  synchronized void detached(DeviceSession session, String reason) {
    DeviceView v = current(session);
    if (v != null) {
      sessions.remove(v.deviceId());
      views.put(v.deviceId(), v.withStatus(DeviceStatus.LOST));
      log.info("device {} detached: {}", v.deviceId(), reason);
    }
  }

  void protocolError() {
    protocolErrors.increment();
  }

  /** The view of {@code session}'s device if the session is still its current one. */
  private DeviceView current(DeviceSession session) {
    String id = session.deviceId();
    if (id.isEmpty() || sessions.get(id) != session) {
      return null;
    }
    return views.get(id);
  }

  /**
   * Marks LIVE devices silent for longer than {@code lostAfterReports} report periods as LOST and
   * ends their sessions (the device may re-attach).
   *
   * @return ids of the devices marked LOST
   */
  public List<String> checkLiveness() {
    Instant now = clock.instant();
    List<DeviceSession> silent = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    synchronized (this) {
      for (DeviceView v : List.copyOf(views.values())) {
        if (v.status() == DeviceStatus.LIVE && Duration.between(v.lastSeenAt(), now).compareTo(lostAfter) > 0
            && Duration.between(v.attachedAt(), now).compareTo(attachGrace) > 0) {
          views.put(v.deviceId(), v.withStatus(DeviceStatus.LOST));
          DeviceSession s = sessions.remove(v.deviceId());
          if (s != null) {
            silent.add(s);
          }
          ids.add(v.deviceId());
          log.warn("device {} LOST: silent since {}", v.deviceId(), v.lastSeenAt());
        }
      }
    }
    for (DeviceSession s : silent) {
      s.disconnect("silent for more than " + lostAfter.toMillis() + " ms", reportPeriodMs);
    }
    forgetLongLost(now);
    return ids;
  }

  /** Forgets LOST and QUARANTINED devices silent for more than isac.bs.limits.forget-lost-after-seconds. */
  private synchronized void forgetLongLost(Instant now) {
    Duration forgetAfter = Duration.ofSeconds(limits.forgetLostAfterSeconds());
    views.values().removeIf(v -> {
      boolean forget = v.status() != DeviceStatus.LIVE && Duration.between(v.lastSeenAt(), now).compareTo(forgetAfter) > 0
          && !quarantinedUntil.getOrDefault(v.deviceId(), Instant.MIN).isAfter(now);
      if (forget) {
        quarantinedUntil.remove(v.deviceId());
        invalidInARow.remove(v.deviceId());
        log.info("device {} forgotten: {} since {}", v.deviceId(), v.status(), v.lastSeenAt());
      }
      return forget;
    });
  }

  /** Every known device (LIVE, LOST and QUARANTINED), by id. */
  public synchronized List<DeviceView> devices() {
    return views.values().stream().sorted(Comparator.comparing(DeviceView::deviceId)).toList();
  }

  /** The LIVE devices sensing {@code m}, by id. */
  public synchronized List<DeviceView> live(Modality m) {
    return views.values().stream().filter(v -> v.status() == DeviceStatus.LIVE && v.modality() == m)
        .sorted(Comparator.comparing(DeviceView::deviceId)).toList();
  }

  /** One device. */
  public synchronized Optional<DeviceView> device(String deviceId) {
    return Optional.ofNullable(views.get(deviceId));
  }

  private synchronized long count(DeviceStatus s) {
    return views.values().stream().filter(v -> v.status() == s).count();
  }

  /**
   * Sends a SenseCommand (command id assigned here) to a LIVE device.
   *
   * @return the assembled answer; fails with {@link SessionLostException} when the device is not
   *     LIVE or its session ends first
   */
  public CompletableFuture<SenseResult> sense(String deviceId, SenseCommand.Builder command) {
    DeviceSession s;
    synchronized (this) {
      s = sessions.get(deviceId);
    }
    if (s == null) {
      return CompletableFuture.failedFuture(new SessionLostException("device " + deviceId + " is not attached"));
    }
    return s.sense(command);
  }

  /** Ends every session (shutdown). */
  public void closeAll(String reason, int retryAfterMs) {
    List<DeviceSession> all;
    synchronized (this) {
      all = List.copyOf(sessions.values());
    }
    for (DeviceSession s : all) {
      s.disconnect(reason, retryAfterMs);
    }
  }

  /** Ends one device's session as if its stream broke (tests and operators). */
  public void drop(String deviceId, String reason) {
    DeviceSession s;
    synchronized (this) {
      s = sessions.get(deviceId);
    }
    if (s != null) {
      s.disconnect(reason, reportPeriodMs);
    }
  }
}
