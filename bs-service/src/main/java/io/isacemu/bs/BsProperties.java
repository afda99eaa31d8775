package io.isacemu.bs;

import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.core.validation.Check;
import io.isacemu.data.DatasetSettings;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the BS ({@code isac.bs.*}); validated at start-up with messages naming the field.
 *
 * @param grpcPort DeviceLink gRPC port, 0..65535 (0 = a free port)
 * @param grpcInProcessName when non-blank, serve DeviceLink on this in-process transport instead of
 *     a port (tests)
 * @param registryTarget ModelRegistry target of the training service: {@code host:port}, or {@code
 *     in-process:NAME} (tests); blank disables model fetching
 * @param apiKey key required in {@code X-Api-Key} by mutating REST endpoints; blank = mutating
 *     endpoints refuse every request
 * @param auth device authentication
 * @param reportPeriodMs StateReport period announced to devices, wall ms, 10..60000
 * @param lostAfterReports a device silent for this many report periods is LOST, ≥ 1
 * @param attachGraceMs after attaching, a device is not declared LOST for this long, ms, ≥ 0: a
 *     burst of registrations delays everyone's first reports (measured: 1 000 devices attaching at
 *     once at 10 Hz outran a 3-period timeout)
 * @param maxMessageBytes largest DeviceMessage accepted, bytes, 65536..4194304
 * @param sensingSeconds {@code T^s} per sample, emulated s, &gt; 0
 * @param timeScaleFactor wall seconds per emulated second sent to devices, ≥ 0 (0 = no sleeping)
 * @param deadlineGraceMs wall ms added to a command's scaled deadline before the BS gives up, ≥ 0
 * @param defaultDeadlineSeconds task deadline when a request gives none, emulated s, &gt; 0
 * @param taskThreads tasks run concurrently, ≥ 1
 * @param taskHistory finished tasks kept in memory, ≥ 1
 * @param sensingPowerW device sensing front-end power charged per sensing window, W, ≥ 0
 * @param radio uplink band and receiver
 * @param mec MEC server
 * @param dataset the seeded synthetic dataset shared with the devices
 * @param processing where the modality encoders run: {@code offload} (always raw upload, MEC
 *     encodes), {@code local} (the device encodes whenever the round's target expert is known),
 *     {@code auto} (default: the isac-core scheduler picks per device and round, binary offloading)
 * @param limits admission bounds of the REST API (overload answers 429)
 * @param plausibility physical ranges of device reports, and the quarantine of devices that break them
 * @param storage what the BS keeps on its local disk besides the task database
 */
@ConfigurationProperties("isac.bs")
public record BsProperties(
    @DefaultValue("9090") int grpcPort,
    @DefaultValue("") String grpcInProcessName,
    @DefaultValue("localhost:9091") String registryTarget,
    @DefaultValue("") String apiKey,
    @DefaultValue Auth auth,
    @DefaultValue("1000") int reportPeriodMs,
    @DefaultValue("3") int lostAfterReports,
    @DefaultValue("10000") long attachGraceMs,
    @DefaultValue("1048576") int maxMessageBytes,
    @DefaultValue("0.1") double sensingSeconds,
    @DefaultValue("0.01") double timeScaleFactor,
    @DefaultValue("3000") long deadlineGraceMs,
    @DefaultValue("10.0") double defaultDeadlineSeconds,
    @DefaultValue("2") int taskThreads,
    @DefaultValue("1000") int taskHistory,
    @DefaultValue("0.1") double sensingPowerW,
    @DefaultValue Radio radio,
    @DefaultValue Mec mec,
    @DefaultValue DatasetSettings dataset,
    @DefaultValue("auto") Processing processing,
    @DefaultValue Limits limits,
    @DefaultValue Plausibility plausibility,
    @DefaultValue Storage storage) {

  @ConstructorBinding
  public BsProperties {
    Check.inRange("isac.bs.grpc-port", grpcPort, 0, 65535);
    grpcInProcessName = grpcInProcessName == null ? "" : grpcInProcessName;
    registryTarget = registryTarget == null ? "" : registryTarget;
    apiKey = apiKey == null ? "" : apiKey;
    Check.present("isac.bs.auth", auth);
    Check.inRange("isac.bs.report-period-ms", reportPeriodMs, 10, 60000);
    Check.positive("isac.bs.lost-after-reports", lostAfterReports);
    Check.nonNegative("isac.bs.attach-grace-ms", attachGraceMs);
    Check.inRange("isac.bs.max-message-bytes", maxMessageBytes, 65536, 4194304);
    Check.positive("isac.bs.sensing-seconds", sensingSeconds);
    Check.nonNegative("isac.bs.time-scale-factor", timeScaleFactor);
    Check.nonNegative("isac.bs.deadline-grace-ms", deadlineGraceMs);
    Check.positive("isac.bs.default-deadline-seconds", defaultDeadlineSeconds);
    Check.positive("isac.bs.task-threads", taskThreads);
    Check.positive("isac.bs.task-history", taskHistory);
    Check.nonNegative("isac.bs.sensing-power-w", sensingPowerW);
    Check.present("isac.bs.processing", processing);
    Check.present("isac.bs.radio", radio);
    Check.present("isac.bs.mec", mec);
    Check.present("isac.bs.dataset", dataset);
    Check.present("isac.bs.limits", limits);
    Check.present("isac.bs.plausibility", plausibility);
    Check.present("isac.bs.storage", storage);
    if (defaultDeadlineSeconds > limits.maxDeadlineSeconds()) {
      throw new IllegalArgumentException("isac.bs.default-deadline-seconds: " + defaultDeadlineSeconds
          + " exceeds isac.bs.limits.max-deadline-seconds " + limits.maxDeadlineSeconds());
    }
  }

  /**
   * The BS's local disk (the task database's location is {@code spring.datasource.url}).
   *
   * @param bundleCacheDir directory where the BS keeps the last bundle it installed (the archive as
   *     downloaded plus its SHA-256), so that after a restart it serves again with that bundle while
   *     the training service is unreachable; blank = no cache (default; the shipped application.yml
   *     puts it under {@code ISAC_BS_DATA_DIR})
   */
  public record Storage(@DefaultValue("") String bundleCacheDir) {
    /** No local cache. */
    public static final Storage NONE = new Storage("");

    public Storage {
      bundleCacheDir = bundleCacheDir == null ? "" : bundleCacheDir.strip();
    }
  }

  /**
   * What a device may claim. A StateReport outside these ranges is rejected (the BS keeps the
   * device's last plausible state) and counted; a device that sends {@code quarantineAfterInvalid}
   * of them in a row is QUARANTINED: its session ends and it may not re-attach for {@code
   * quarantineSeconds}. So a lying device can neither break the eq. (5) SNR conversion (above ~3 083
   * dB it overflowed and failed every task needing its modality) nor win every round by claiming an
   * impossible link.
   *
   * @param minSnrDb lowest one-unit SNR, dB (default −50)
   * @param maxSnrDb highest one-unit SNR, dB, &gt; minSnrDb (default 80)
   * @param minChannelGainDb lowest channel gain h_k, dB (default −250)
   * @param maxChannelGainDb highest channel gain h_k, dB, ≤ 0 (default −20: free-space loss at 1 m at
   *     3.5 GHz is already 43 dB)
   * @param cellRadiusM radius of the cell around the BS at the origin, m, &gt; 0 (default 200, as the
   *     devices' random waypoint)
   * @param positionMarginM slack beyond the cell edge, m, ≥ 0 (default 50)
   * @param quarantineAfterInvalid implausible reports in a row that quarantine a device, ≥ 1
   *     (default 5; in a row, because an emulated device at the 10 m path-loss clamp with LOS
   *     shadowing can exceed 80 dB once in a while, and must not be quarantined for it)
   * @param quarantineSeconds how long a quarantined device is refused, wall s, ≥ 0 (default 60)
   */
  public record Plausibility(
      @DefaultValue("-50") double minSnrDb,
      @DefaultValue("80") double maxSnrDb,
      @DefaultValue("-250") double minChannelGainDb,
      @DefaultValue("-20") double maxChannelGainDb,
      @DefaultValue("200") double cellRadiusM,
      @DefaultValue("50") double positionMarginM,
      @DefaultValue("5") int quarantineAfterInvalid,
      @DefaultValue("60") long quarantineSeconds) {

    /** The defaults of application.yml. */
    public static final Plausibility DEFAULTS = new Plausibility(-50, 80, -250, -20, 200, 50, 5, 60);

    public Plausibility {
      Check.inRange("isac.bs.plausibility.min-snr-db", minSnrDb, -300, 300);
      Check.inRange("isac.bs.plausibility.max-snr-db", maxSnrDb, minSnrDb, 300);
      Check.inRange("isac.bs.plausibility.min-channel-gain-db", minChannelGainDb, -400, 0);
      Check.inRange("isac.bs.plausibility.max-channel-gain-db", maxChannelGainDb, minChannelGainDb, 0);
      Check.positive("isac.bs.plausibility.cell-radius-m", cellRadiusM);
      Check.nonNegative("isac.bs.plausibility.position-margin-m", positionMarginM);
      Check.positive("isac.bs.plausibility.quarantine-after-invalid", quarantineAfterInvalid);
      Check.nonNegative("isac.bs.plausibility.quarantine-seconds", quarantineSeconds);
    }
  }

  /**
   * What the REST API admits. Past a bound a request is refused — 429 with {@code Retry-After} for
   * load, 400 naming the field for a value — instead of queueing without end.
   *
   * @param maxTasksInFlight accepted tasks not yet terminal (PENDING + RUNNING), 1..100 000; one
   *     more is answered 429 (each in-flight task holds its samples' results until it ends)
   * @param maxDeadlineSeconds largest {@code deadlineSeconds} of a task, emulated s, in (0, 86 400]
   *     (the wall budget is this × the time-scale factor)
   * @param retryAfterSeconds {@code Retry-After} of a 429, s, 1..3 600
   * @param maxExperimentModes modes of one experiment, 1..64
   * @param maxPageSize largest {@code limit} of {@code GET /api/tasks}, 1..10 000
   * @param registerTimeoutMs a DeviceLink stream that sends no Register within this is ended
   *     (DEADLINE_EXCEEDED), wall ms, 100..600 000
   * @param maxDevices device ids the BS holds (LIVE, LOST or QUARANTINED), 1..1 000 000; a Register
   *     of a new id past it is refused
   * @param forgetLostAfterSeconds a LOST or QUARANTINED device silent this long is forgotten, wall s,
   *     ≥ 1 (its id may then register anew)
   * @param maxStoredTasks task records kept in the database, 1..100 000 000; the oldest terminal ones
   *     beyond it are deleted
   * @param maxExperimentsQueued experiments accepted but not yet ended (they run one at a time), 1..1000;
   *     one more = 429 with Retry-After
   */
  public record Limits(
      @DefaultValue("256") int maxTasksInFlight,
      @DefaultValue("3600") double maxDeadlineSeconds,
      @DefaultValue("1") int retryAfterSeconds,
      @DefaultValue("32") int maxExperimentModes,
      @DefaultValue("1000") int maxPageSize,
      @DefaultValue("10000") long registerTimeoutMs,
      @DefaultValue("4096") int maxDevices,
      @DefaultValue("3600") long forgetLostAfterSeconds,
      @DefaultValue("100000") int maxStoredTasks,
      @DefaultValue("16") int maxExperimentsQueued) {

    /** The defaults of application.yml. */
    public static final Limits DEFAULTS = new Limits(256, 3600, 1, 32, 1000, 10_000, 4096, 3600, 100_000, 16);

    public Limits {
      Check.inRange("isac.bs.limits.max-tasks-in-flight", maxTasksInFlight, 1, 100_000);
      Check.inRange("isac.bs.limits.max-deadline-seconds", maxDeadlineSeconds, Double.MIN_NORMAL, 86_400);
      Check.inRange("isac.bs.limits.retry-after-seconds", retryAfterSeconds, 1, 3600);
      Check.inRange("isac.bs.limits.max-experiment-modes", maxExperimentModes, 1, 64);
      Check.inRange("isac.bs.limits.max-page-size", maxPageSize, 1, 10_000);
      Check.inRange("isac.bs.limits.register-timeout-ms", registerTimeoutMs, 100, 600_000);
      Check.inRange("isac.bs.limits.max-devices", maxDevices, 1, 1_000_000);
      Check.inRange("isac.bs.limits.forget-lost-after-seconds", forgetLostAfterSeconds, 1, 1e9);
      Check.inRange("isac.bs.limits.max-stored-tasks", maxStoredTasks, 1, 100_000_000);
      Check.inRange("isac.bs.limits.max-experiments-queued", maxExperimentsQueued, 1, 1000);
    }
  }

  /** Which processing paths (binary offloading) the scheduler is offered per device and round. */
  public enum Processing {
    /** Only OFFLOAD: the device uploads raw features, the MEC runs every encoder. */
    OFFLOAD,
    /** Only LOCAL where possible (one target expert, a bundle-capable device); OFFLOAD otherwise. */
    LOCAL,
    /** Both paths; the scheduler picks the cheaper per device (min latency or min energy). */
    AUTO
  }

  /**
   * Device authentication: a Register must present the token of its own device id. Nothing
   * configured = no authentication (tests and the one-machine demo, which generates tokens anyway).
   *
   * @param sharedToken token any device id without a token of its own may present; blank = none
   * @param deviceTokens per device id its own token (takes precedence over the directory and the
   *     shared token)
   * @param deviceTokensDir directory holding one file per device id, named by the id, holding its
   *     token (a mounted Kubernetes Secret, or the compose {@code secrets} service's volume); read at
   *     every Register, so a rotated Secret applies without a restart; blank = none. When set, a
   *     device id with no file (and no map entry) is refused unless the shared token is set and given
   */
  public record Auth(@DefaultValue("") String sharedToken, Map<String, String> deviceTokens,
      @DefaultValue("") String deviceTokensDir) {
    @ConstructorBinding
    public Auth {
      sharedToken = sharedToken == null ? "" : sharedToken;
      deviceTokens = deviceTokens == null ? Map.of() : Map.copyOf(deviceTokens);
      deviceTokensDir = deviceTokensDir == null ? "" : deviceTokensDir.strip();
    }

    /** Shared token and per-device tokens, no directory. */
    public Auth(String sharedToken, Map<String, String> deviceTokens) {
      this(sharedToken, deviceTokens, "");
    }

    /** True when at least one token or a token directory is configured. */
    public boolean enabled() {
      return !sharedToken.isBlank() || !deviceTokens.isEmpty() || !deviceTokensDir.isEmpty();
    }
  }

  /**
   * The uplink band (eq. 5) and receiver; an unset key takes isac-core's {@link RadioSettings#DEFAULTS},
   * the same defaults the devices have.
   *
   * @param totalBandwidthHz B, Hz, &gt; 0 (reference 20 MHz)
   * @param unitBandwidthHz B_min, Hz, &gt; 0 (reference 180 kHz = one LTE resource block)
   * @param noiseFigureDb receiver noise figure, dB, in [0, 30] (reference 9 dB)
   * @param bsAntennas M, 1..1024 (MRC array gain; reference 4)
   */
  public record Radio(Double totalBandwidthHz, Double unitBandwidthHz, Double noiseFigureDb, Integer bsAntennas) {
    public Radio {
      RadioSettings d = RadioSettings.DEFAULTS;
      totalBandwidthHz = totalBandwidthHz == null ? d.totalBandwidthHz() : totalBandwidthHz;
      unitBandwidthHz = unitBandwidthHz == null ? d.unitBandwidthHz() : unitBandwidthHz;
      noiseFigureDb = noiseFigureDb == null ? d.noiseFigureDb() : noiseFigureDb;
      bsAntennas = bsAntennas == null ? d.bsAntennas() : bsAntennas;
      Check.positive("isac.bs.radio.total-bandwidth-hz", totalBandwidthHz);
      Check.positive("isac.bs.radio.unit-bandwidth-hz", unitBandwidthHz);
      Check.inRange("isac.bs.radio.noise-figure-db", noiseFigureDb, 0, 30);
      Check.inRange("isac.bs.radio.bs-antennas", bsAntennas, 1, 1024);
    }

    /** As the core's settings record. */
    public RadioSettings settings() {
      return new RadioSettings(totalBandwidthHz, unitBandwidthHz, noiseFigureDb, bsAntennas);
    }
  }

  /**
   * The MEC server.
   *
   * @param cpuHz aggregate clock, Hz, in (0, 1e12] (reference 20 GHz)
   * @param flopsPerCycle FLOPs per cycle, in (0, 1024] (reference 16)
   */
  public record Mec(@DefaultValue("20e9") double cpuHz, @DefaultValue("16") double flopsPerCycle) {
    public Mec {
      Check.inRange("isac.bs.mec.cpu-hz", cpuHz, Double.MIN_NORMAL, 1e12);
      Check.inRange("isac.bs.mec.flops-per-cycle", flopsPerCycle, Double.MIN_NORMAL, 1024);
    }
  }
}
