package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.isacemu.proto.Register;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.StateReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import io.isacemu.bs.emulation.EmulationClock;
import io.isacemu.bs.cell.CellRadio;
import java.util.OptionalLong;

/**
 * The devices known to the BS, fed by the DeviceLink sessions.
 *
 * <p>Admission checks every Register (ranges, dataset, token) and refuses a second LIVE session with
 * the same device id. StateReports update the device's channel, position, energy and report lag
 * ({@code now − measured_at}); implausible reports (outside isac.bs.plausibility) are logged, counted
 * and ignored, and a device that keeps sending them is QUARANTINED. A device silent for
 * {@code lostAfterReports × reportPeriodMs} becomes LOST ({@link #checkLiveness()}); a re-attach makes
 * it LIVE again. Thread-safe without a registry-wide lock on the report path (each report updates its
 * own entry atomically); only admission is serialised. Never calls into a session while holding a lock.
 */
@Component
public class DeviceRegistry {

  private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);

  /** Outcome of a Register. */
  /**
   * @param emulationSeed emulated mode, accepted only: the seed the device's trace must restart with
   *     (the BS's current one), so that a device attaching after a reset, or re-created by its fleet
   *     API, runs the same trace as the others of the replication
   */
  record Admission(boolean accepted, String sessionId, int reportPeriodMs, String reason, OptionalLong emulationSeed) {}

  private final RegisterValidator validator;
  private final Clock clock;
  private final int reportPeriodMs;
  private final Duration lostAfter;
  private final Duration attachGrace;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sessionCounter = new AtomicLong();
  // Concurrent maps, no registry-wide lock on the report path: a report updates its device's view
  // atomically (compute) under that entry's lock only. Only admission is serialised (capacity, duplicates).
  private final Map<String, DeviceView> views = new ConcurrentHashMap<>();
  private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
  private final LiveIndex live = new LiveIndex();
  /** Device id → end of its quarantine. Guarded by this. */
  private final Map<String, Instant> quarantinedUntil = new ConcurrentHashMap<>();
  /** Device id → implausible reports in a row in its current session. Guarded by this. */
  private final Map<String, Integer> invalidInARow = new ConcurrentHashMap<>();
  private final BsProperties.Plausibility plausibility;
  private final RegistryMetrics metrics;
  private final BsProperties.Limits limits;

  private final EmulationClock emulation;

  /** A wall-time registry (tests): attaching devices get no seed. */
  public DeviceRegistry(BsProperties properties, DatasetCatalog dataset, Clock clock, MeterRegistry meters) {
    this(properties, dataset, clock, meters, EmulationClock.wall(), new CellRadio(properties.radio().settings()));
  }

  /** @param radio the cell in force: a Register must agree with it (B_min, noise figure, M) */
  @org.springframework.beans.factory.annotation.Autowired
  public DeviceRegistry(BsProperties properties, DatasetCatalog dataset, Clock clock, MeterRegistry meters,
      EmulationClock emulation, CellRadio radio) {
    this.emulation = emulation;
    this.validator = new RegisterValidator(dataset, properties.auth(), properties.plausibility(), radio::current);
    this.clock = clock;
    this.reportPeriodMs = properties.reportPeriodMs();
    this.lostAfter = Duration.ofMillis((long) properties.reportPeriodMs() * properties.lostAfterReports());
    this.attachGrace = Duration.ofMillis(properties.attachGraceMs());
    this.plausibility = properties.plausibility();
    this.limits = properties.limits();
    this.metrics = new RegistryMetrics(meters);
    metrics.deviceGauges(this, r -> r.count(DeviceStatus.LIVE), r -> r.count(DeviceStatus.LOST),
        r -> r.count(DeviceStatus.QUARANTINED));
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
          sessions.put(r.getDeviceId(), session); // first: the view below is this session's from the start
          DeviceView attached = new DeviceView(r.getDeviceId(), sessionId,
              BsProtos.modality(r.getModality()).orElseThrow(), DeviceStatus.LIVE, r.getSensingRateBps(),
              r.getTxPowerDbm(), r.getCpuHz(),
              r.getFlopsPerCycle() > 0 ? r.getFlopsPerCycle() : DeviceView.DEFAULT_FLOPS_PER_CYCLE, r.getFeatureDim(), r.getSequenceLength(), now, now,
              Optional.empty(), Optional.empty(), r.getPosition().getXM(), r.getPosition().getYM(), 0.0,
              Optional.empty(), 0, 0);
          views.compute(r.getDeviceId(), (k, before) -> {
            live.track(before, attached);
            return attached;
          });
          quarantinedUntil.remove(r.getDeviceId());
          invalidInARow.remove(r.getDeviceId());
          log.info("device {} attached ({}, session {})", r.getDeviceId(), r.getModality(), sessionId);
          return new Admission(true, sessionId, reportPeriodMs, "",
              emulation.emulated() ? OptionalLong.of(emulation.seed()) : OptionalLong.empty());
        }
      }
    }
    metrics.refused(refusal.get());
    log.info("device '{}' refused: {}", r.getDeviceId(), refusal.get());
    return new Admission(false, "", 0, refusal.get(), OptionalLong.empty());
  }

  void report(DeviceSession session, StateReport r) {
    String id = session.deviceId();
    if (id.isEmpty()) {
      return;
    }
    String[] quarantine = new String[1];
    update(id, (k, v) -> {
      if (sessions.get(k) != session) {
        return v; // a report of an ended session
      }
      Instant now = clock.instant();
      Optional<String> invalid = ReportValidator.invalid(r, v, plausibility);
      if (invalid.isEmpty()) {
        invalidInARow.remove(k);
        Instant measured = Instant.ofEpochSecond(r.getMeasuredAt().getSeconds(), r.getMeasuredAt().getNanos());
        long lagMs = Math.max(0, Duration.between(measured, now).toMillis());
        metrics.reportLagMs(lagMs);
        return v.withReport(now, r.getTxPowerDbm(),
            r.hasChannelGainDb() ? Optional.of(r.getChannelGainDb()) : Optional.empty(),
            r.hasSnrDb() ? Optional.of(r.getSnrDb()) : Optional.empty(),
            r.getPosition().getXM(), r.getPosition().getYM(), r.getEnergyUsedJ(), lagMs, r.getSequenceNumber());
      }
      metrics.invalid(invalid.get());
      DeviceView counted = v.withInvalidReport(now);
      int inARow = invalidInARow.merge(k, 1, Integer::sum);
      if (inARow < plausibility.quarantineAfterInvalid()) {
        log.warn("device {}: invalid StateReport ignored: {}", k, invalid.get());
        return counted;
      }
      // a repeated offender (a real device's rare outlier is followed by plausible reports):
      // out of every round, and refused for the quarantine
      quarantine[0] = inARow + " implausible reports in a row, the last: " + invalid.get();
      sessions.remove(k, session);
      quarantinedUntil.put(k, now.plusSeconds(plausibility.quarantineSeconds()));
      metrics.quarantined();
      log.warn("device {} QUARANTINED for {} s: {}", k, plausibility.quarantineSeconds(), quarantine[0]);
      return counted.withStatus(DeviceStatus.QUARANTINED);
    });
    if (quarantine[0] != null) { // outside the entry's lock: never call into a session while holding it
      session.disconnect("quarantined: " + quarantine[0], (int) Math.min(Integer.MAX_VALUE,
          plausibility.quarantineSeconds() * 1000));
    }
  }

  void seen(DeviceSession session) {
    String id = session.deviceId();
    if (!id.isEmpty()) {
      update(id, (k, v) -> sessions.get(k) == session ? v.seenAt(clock.instant()) : v);
    }
  }

  void detached(DeviceSession session, String reason) {
    String id = session.deviceId();
    if (!id.isEmpty() && sessions.remove(id, session)) {
      update(id, (k, v) -> v.withStatus(DeviceStatus.LOST));
      log.info("device {} detached: {}", id, reason);
    }
  }

  void protocolError() {
    metrics.protocolError();
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
    for (DeviceView candidate : List.copyOf(views.values())) {
      update(candidate.deviceId(), (k, v) -> {
        if (v.status() != DeviceStatus.LIVE || Duration.between(v.lastSeenAt(), now).compareTo(lostAfter) <= 0
            || Duration.between(v.attachedAt(), now).compareTo(attachGrace) <= 0) {
          return v;
        }
        DeviceSession s = sessions.remove(k);
        if (s != null) {
          silent.add(s);
        }
        ids.add(k);
        log.warn("device {} LOST: silent since {}", k, v.lastSeenAt());
        return v.withStatus(DeviceStatus.LOST);
      });
    }
    for (DeviceSession s : silent) {
      s.disconnect("silent for more than " + lostAfter.toMillis() + " ms", reportPeriodMs);
    }
    forgetLongLost(now);
    return ids;
  }

  /** Forgets LOST and QUARANTINED devices silent for more than isac.bs.limits.forget-lost-after-seconds. */
  private void forgetLongLost(Instant now) {
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

  /** Applies {@code change} to the device's view, if known, under that entry's lock; keeps the LIVE index. */
  private void update(String id, java.util.function.BiFunction<String, DeviceView, DeviceView> change) {
    views.computeIfPresent(id, (k, before) -> {
      DeviceView after = change.apply(k, before);
      live.track(before, after);
      return after;
    });
  }

  /** Every known device (LIVE, LOST and QUARANTINED), by id. */
  public List<DeviceView> devices() {
    return views.values().stream().sorted(Comparator.comparing(DeviceView::deviceId)).toList();
  }

  /** The LIVE devices sensing {@code m}, by id. */
  public List<DeviceView> live(Modality m) {
    List<DeviceView> out = new ArrayList<>();
    for (String id : live.ids(m)) {
      DeviceView v = views.get(id);
      if (v != null && v.status() == DeviceStatus.LIVE && v.modality() == m) { // the index is weakly consistent
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** One device. */
  public Optional<DeviceView> device(String deviceId) {
    return Optional.ofNullable(views.get(deviceId));
  }

  private long count(DeviceStatus s) {
    return views.values().stream().filter(v -> v.status() == s).count();
  }

  /**
   * Sends a SenseCommand (command id assigned here) to a LIVE device.
   *
   * @return the assembled answer; fails with {@link SessionLostException} when the device is not
   *     LIVE or its session ends first
   */
  public CompletableFuture<SenseResult> sense(String deviceId, SenseCommand.Builder command) {
    DeviceSession s = sessions.get(deviceId);
    if (s == null) {
      return CompletableFuture.failedFuture(new SessionLostException("device " + deviceId + " is not attached"));
    }
    return s.sense(command);
  }

  /**
   * Emulated mode: the state of LIVE device {@code deviceId} at {@code emulatedTimeS}, queried from
   * the device. Fails when it is not attached, or when its answer is implausible or for another
   * time (a device does not step backwards; a lying one must not change a schedule).
   */
  public CompletableFuture<DeviceView> stateAt(String deviceId, double emulatedTimeS) {
    DeviceSession s = sessions.get(deviceId);
    if (s == null) {
      return CompletableFuture.failedFuture(new SessionLostException("device " + deviceId + " is not attached"));
    }
    return s.query(emulatedTimeS).thenApply(r -> EmulatedStates.view(deviceId, views.get(deviceId), r,
        emulatedTimeS, plausibility, clock.instant()));
  }

  /** Emulated mode: every attached device restarts its trace at emulated time 0 with {@code seed}. */
  public void resetEmulation(long seed) {
    List.copyOf(sessions.values()).forEach(s -> s.resetEmulation(seed));
  }

  /** Ends every session (shutdown). */
  public void closeAll(String reason, int retryAfterMs) {
    List<DeviceSession> all = List.copyOf(sessions.values());
    for (DeviceSession s : all) {
      s.disconnect(reason, retryAfterMs);
    }
  }

  /** Ends one device's session as if its stream broke (tests and operators). */
  public void drop(String deviceId, String reason) {
    DeviceSession s = sessions.get(deviceId);
    if (s != null) {
      s.disconnect(reason, reportPeriodMs);
    }
  }
}
