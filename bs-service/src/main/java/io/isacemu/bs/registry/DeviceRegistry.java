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
 * ({@code now − measured_at}); invalid reports are logged, counted and ignored. A device silent for
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
  private final Counter invalidReports;
  private final Counter refused;
  private final Counter protocolErrors;
  private final DistributionSummary reportLag;

  public DeviceRegistry(BsProperties properties, DatasetCatalog dataset, Clock clock, MeterRegistry meters) {
    this.validator = new RegisterValidator(dataset, properties.auth());
    this.clock = clock;
    this.reportPeriodMs = properties.reportPeriodMs();
    this.lostAfter = Duration.ofMillis((long) properties.reportPeriodMs() * properties.lostAfterReports());
    this.attachGrace = Duration.ofMillis(properties.attachGraceMs());
    this.invalidReports = Counter.builder("bs.devices.reports.invalid").description("StateReports rejected as invalid").register(meters);
    this.refused = Counter.builder("bs.devices.refused").description("Registers refused").register(meters);
    this.protocolErrors = Counter.builder("bs.devices.protocol.errors").description("streams ended for a protocol violation").register(meters);
    this.reportLag = DistributionSummary.builder("bs.devices.report.lag").baseUnit("milliseconds")
        .description("StateReport lag: receive time - measured_at").register(meters);
    Gauge.builder("bs.devices", this, r -> r.count(DeviceStatus.LIVE)).tag("status", "live").register(meters);
    Gauge.builder("bs.devices", this, r -> r.count(DeviceStatus.LOST)).tag("status", "lost").register(meters);
  }

  Admission admit(Register r, DeviceSession session) {
    Optional<String> refusal = validator.refusal(r);
    if (refusal.isEmpty()) {
      synchronized (this) {
        DeviceView existing = views.get(r.getDeviceId());
        if (existing != null && existing.status() == DeviceStatus.LIVE) {
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
          log.info("device {} attached ({}, session {})", r.getDeviceId(), r.getModality(), sessionId);
          return new Admission(true, sessionId, reportPeriodMs, "");
        }
      }
    }
    refused.increment();
    log.info("device '{}' refused: {}", r.getDeviceId(), refusal.get());
    return new Admission(false, "", 0, refusal.get());
  }

  synchronized void report(DeviceSession session, StateReport r) {
    DeviceView v = current(session);
    if (v == null) {
      return;
    }
    Instant now = clock.instant();
    Optional<String> invalid = invalid(r, v);
    if (invalid.isPresent()) {
      invalidReports.increment();
      log.warn("device {}: invalid StateReport ignored: {}", v.deviceId(), invalid.get());
      views.put(v.deviceId(), v.withInvalidReport(now));
      return;
    }
    Instant measured = Instant.ofEpochSecond(r.getMeasuredAt().getSeconds(), r.getMeasuredAt().getNanos());
    long lagMs = Math.max(0, Duration.between(measured, now).toMillis());
    reportLag.record(lagMs);
    views.put(v.deviceId(), v.withReport(now, r.getTxPowerDbm(),
        r.hasChannelGainDb() ? Optional.of(r.getChannelGainDb()) : Optional.empty(),
        r.hasSnrDb() ? Optional.of(r.getSnrDb()) : Optional.empty(),
        r.getPosition().getXM(), r.getPosition().getYM(), r.getEnergyUsedJ(), lagMs, r.getSequenceNumber()));
  }

  private static Optional<String> invalid(StateReport r, DeviceView v) {
    if (r.getSequenceNumber() == 0) {
      return Optional.of("sequence_number: 0 must be >= 1");
    }
    if (!r.hasChannelGainDb() && !r.hasSnrDb()) {
      return Optional.of("channel_gain_db/snr_db: neither is set");
    }
    if (r.hasChannelGainDb() && !(Double.isFinite(r.getChannelGainDb()) && r.getChannelGainDb() <= 0)) {
      return Optional.of("channel_gain_db: " + r.getChannelGainDb() + " must be finite and <= 0");
    }
    if (r.hasSnrDb() && !Double.isFinite(r.getSnrDb())) {
      return Optional.of("snr_db: " + r.getSnrDb() + " must be finite");
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
    if (!(r.getSpeedMps() >= 0) || !Double.isFinite(r.getSpeedMps())) {
      return Optional.of("speed_mps: " + r.getSpeedMps() + " must be finite and >= 0");
    }
    if (!Double.isFinite(r.getPosition().getXM()) || !Double.isFinite(r.getPosition().getYM())) {
      return Optional.of("position: must be finite");
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
    return ids;
  }

  /** Every known device (LIVE and LOST), by id. */
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
