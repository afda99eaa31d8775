package io.isacemu.device.config;

import io.isacemu.core.time.TimeMode;
import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.mobility.RandomWaypoint;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.validation.Check;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.MobilitySpec;
import io.isacemu.device.link.Backoff;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.data.DatasetSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of a device-service process (prefix {@code isac.device}). Validated when bound:
 * a bad value stops the startup with an {@link IllegalArgumentException} naming the property path
 * and the value (e.g. {@code devices[1].txPowerDbm: -90.0 is outside the valid range [-50.0,
 * 50.0]}).
 *
 * @param bs where the base station's DeviceLink service listens
 * @param reportPeriodMs StateReport period used when the BS leaves it open, wall ms, in [10, 60000]
 * @param timeScale wall seconds per emulated second, {@code > 0} (0.001: a 10 s sensing window
 *     takes 10 ms; 1: real time) — drives the devices' mobility/channel clock
 * @param platformSeed run seed shared by every process; device {@code i}'s channel and mobility
 *     come from {@code DeviceChannel.deviceSeed(platformSeed, i)}
 * @param time what clocks the traces: {@code wall} (live/soak: wall time / timeScale) or {@code
 *     emulated} (the BS's stamp on each command; reproducible per seed)
 * @param reconnect re-attach backoff
 * @param radio radio parameters that must match the BS's model
 * @param dataset where the samples come from (the same record and keys as the BS's {@code isac.bs.dataset})
 * @param model where the trained encoders for LOCAL processing come from
 * @param devices the emulated devices, at least one, unique ids
 * @param apiKey the key every write of the fleet API ({@code POST/PUT/DELETE /api/devices}) needs in
 *     {@code X-Api-Key}; blank (default) = no key, every write refused (env {@code DEVICE_API_KEY})
 * @param sharedAuthToken the token a device added through the fleet API presents at Register when its
 *     body names none: the BS's {@code isac.bs.auth.shared-token}; may be blank (env {@code DEVICE_SHARED_TOKEN})
 */
@ConfigurationProperties("isac.device")
public record DeviceProperties(
    @DefaultValue Bs bs,
    @DefaultValue("1000") long reportPeriodMs,
    @DefaultValue("0.001") double timeScale,
    @DefaultValue("42") long platformSeed,
    @DefaultValue("wall") TimeMode time,
    @DefaultValue Reconnect reconnect,
    @DefaultValue Radio radio,
    @DefaultValue DatasetSettings dataset,
    @DefaultValue Model model,
    List<Device> devices,
    @DefaultValue("") String apiKey,
    @DefaultValue("") String sharedAuthToken) {

  public DeviceProperties {
    apiKey = apiKey == null ? "" : apiKey;
    sharedAuthToken = sharedAuthToken == null ? "" : sharedAuthToken;
    at("bs", () -> {
      if (bs.host() == null || bs.host().isBlank()) {
        throw new IllegalArgumentException("host: '" + bs.host() + "' must be non-blank");
      }
      Check.inRange("port", bs.port(), 1, 65535);
      return null;
    });
    Check.inRange("reportPeriodMs", reportPeriodMs, 10, 60_000);
    Check.positive("timeScale", timeScale);
    Check.present("time", time);
    at("reconnect", reconnect::policy);
    at("radio", radio::channelConfig);
    at("radio", radio::noise);
    at("radio", radio::settings);
    if (model.registryTarget() == null) {
      model = new Model("");
    }
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException("devices: none configured; at least one is required");
    }
    devices = List.copyOf(devices);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      DeviceSpec spec = at("devices[" + i + "]", devices.get(i)::spec);
      if (!ids.add(spec.deviceId())) {
        throw new IllegalArgumentException("devices[" + i + "].id: '" + spec.deviceId()
            + "' is used by another device");
      }
    }
  }

  /** Runs {@code check}, prefixing the failure's field name with {@code path}. */
  private static <T> T at(String path, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + e.getMessage(), e);
    }
  }

  /** The devices as domain specs, in configuration order (index = platform device index). */
  public List<DeviceSpec> deviceSpecs() {
    List<DeviceSpec> specs = new ArrayList<>();
    for (Device d : devices) {
      specs.add(d.spec());
    }
    return List.copyOf(specs);
  }

  /**
   * The base station's DeviceLink endpoint.
   *
   * @param host host name or address (env {@code BS_HOST})
   * @param port TCP port, in [1, 65535] (env {@code BS_PORT})
   */
  public record Bs(@DefaultValue("localhost") String host, @DefaultValue("9090") int port) {}

  /**
   * The trained model bundle whose encoders the devices run for {@code PROCESSING_MODE_LOCAL}.
   *
   * @param registryTarget the training service's ModelRegistry: {@code host:port} (plaintext gRPC),
   *     or {@code in-process:NAME} (tests); blank (default) = no bundle, LOCAL commands are answered
   *     {@code SENSE_STATUS_LOCAL_UNAVAILABLE} (env {@code MODEL_REGISTRY_TARGET})
   */
  public record Model(@DefaultValue("") String registryTarget) {

    /** Whether a registry is configured. */
    public boolean enabled() {
      return registryTarget != null && !registryTarget.isBlank();
    }
  }

  /**
   * Re-attach backoff (see {@link Backoff}).
   *
   * @param initialMs first delay, ms, ≥ 1
   * @param maxMs largest delay, ms, ≥ initialMs
   * @param multiplier growth per attempt, in [1, 10]
   * @param jitter relative jitter, in [0, 1)
   */
  public record Reconnect(
      @DefaultValue("100") long initialMs,
      @DefaultValue("5000") long maxMs,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("0.2") double jitter) {

    /** As a backoff policy (validates). */
    public Backoff.Policy policy() {
      return new Backoff.Policy(initialMs, maxMs, multiplier, jitter);
    }
  }

  /**
   * Radio parameters; must equal the BS's, so that device and BS compute the same rates (the device
   * sends them in Register and the BS refuses a mismatch). An unset key takes isac-core's {@link
   * RadioSettings#DEFAULTS}, the same defaults the BS has.
   *
   * @param bsAntennas {@code M}, BS receive antennas (array gain of MRC), in [1, 1024] (reference 4)
   * @param noiseFigureDb BS receiver noise figure, dB, in [0, 30] (noise −174 dBm/Hz + NF; reference 9)
   * @param unitBandwidthHz {@code B_min} over which the reported SNR is computed, Hz, > 0 (reference 180 kHz)
   * @param shadowing whether log-normal shadowing is on (TR 38.901 UMi)
   * @param fading whether small-scale fading is on (Rician LOS / Rayleigh NLOS)
   */
  public record Radio(
      Integer bsAntennas,
      Double noiseFigureDb,
      Double unitBandwidthHz,
      @DefaultValue("true") boolean shadowing,
      @DefaultValue("true") boolean fading) {

    public Radio {
      RadioSettings d = RadioSettings.DEFAULTS;
      bsAntennas = bsAntennas == null ? d.bsAntennas() : bsAntennas;
      noiseFigureDb = noiseFigureDb == null ? d.noiseFigureDb() : noiseFigureDb;
      unitBandwidthHz = unitBandwidthHz == null ? d.unitBandwidthHz() : unitBandwidthHz;
    }

    /** As the core's settings record (the band {@code B} is the BS's business: the reference value). */
    public RadioSettings settings() {
      return new RadioSettings(RadioSettings.DEFAULTS.totalBandwidthHz(), unitBandwidthHz, noiseFigureDb, bsAntennas);
    }

    /** TR 38.901 UMi street canyon at 3.5 GHz ({@link ChannelConfig#reference()}) with the toggles. */
    public ChannelConfig channelConfig() {
      return ChannelConfig.reference().withShadowing(shadowing).withFading(fading);
    }

    /** −174 dBm/Hz plus the noise figure. */
    public ThermalNoise noise() {
      return ThermalNoise.withNoiseFigure(noiseFigureDb);
    }
  }

  /**
   * One emulated device.
   *
   * @param id unique id, 1..128 characters from {@code [A-Za-z0-9._-]}
   * @param modality {@code video}, {@code audio} or {@code text} (or V/A/T)
   * @param sensingRateBps {@code m_k}, bit/s, > 0 (video 4e6, audio 128e3, text 100)
   * @param txPowerDbm {@code P_k}, dBm, in [−50, 50] (default 23, NR power class 3)
   * @param cpuHz {@code f_k}, Hz, in (0, 1e10] (default 1e9)
   * @param flopsPerCycle FLOPs per cycle, in (0, 1024] (default 8)
   * @param kappa {@code κ}, effective switched capacitance, J·s²/cycle³, in (0, 1e-20] (default 1e-28)
   * @param sensingPowerW sensor front-end power while sensing, W, ≥ 0 (default 0)
   * @param xM initial x position, m (BS at the origin)
   * @param yM initial y position, m
   * @param mobility how it moves
   * @param authToken bearer token for the BS; empty when the BS runs without authentication
   */
  public record Device(
      String id,
      String modality,
      double sensingRateBps,
      @DefaultValue("23") double txPowerDbm,
      @DefaultValue("1e9") double cpuHz,
      @DefaultValue("8") double flopsPerCycle,
      @DefaultValue("1e-28") double kappa,
      @DefaultValue("0") double sensingPowerW,
      @DefaultValue("0") double xM,
      @DefaultValue("0") double yM,
      @DefaultValue Mobility mobility,
      @DefaultValue("") String authToken) {

    /** As a domain spec (validates). */
    public DeviceSpec spec() {
      Modality parsed;
      try {
        parsed = Modality.parse(modality);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("modality: '" + modality
            + "' is not a modality (expected video, audio or text)", e);
      }
      Position start = new Position(Check.finite("xM", xM), Check.finite("yM", yM));
      DeviceProcessor cpu = new DeviceProcessor(cpuHz, flopsPerCycle, kappa);
      MobilitySpec move = at("mobility", () -> mobility.spec(start));
      return new DeviceSpec(id, parsed, sensingRateBps, txPowerDbm, cpu, sensingPowerW, move,
          authToken);
    }
  }

  /**
   * Mobility of a device.
   *
   * @param type {@code static} or {@code random-waypoint}
   * @param minSpeedMps random waypoint: lowest leg speed, m/s, > 0 (default 0.5)
   * @param maxSpeedMps random waypoint: highest leg speed, m/s, ≥ min (default 1.5)
   * @param pauseS random waypoint: pause at each waypoint, s, ≥ 0 (default 1)
   * @param cellRadiusM random waypoint: radius of the disc holding the waypoints, m (default 200)
   */
  public record Mobility(
      @DefaultValue("static") String type,
      @DefaultValue("0.5") double minSpeedMps,
      @DefaultValue("1.5") double maxSpeedMps,
      @DefaultValue("1.0") double pauseS,
      @DefaultValue("200") double cellRadiusM) {

    MobilitySpec spec(Position start) {
      String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
      return switch (t) {
        case "static" -> new MobilitySpec.Fixed(start);
        case "random-waypoint", "random_waypoint", "randomwaypoint" -> new MobilitySpec.Waypoint(
            new RandomWaypoint.Parameters(cellRadiusM, minSpeedMps, maxSpeedMps, pauseS), start);
        default -> throw new IllegalArgumentException("type: '" + type
            + "' must be static or random-waypoint");
      };
    }
  }
}
