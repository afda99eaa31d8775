package io.isacemu.core.channel;

import io.isacemu.core.mobility.MobilityModel;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The uplink channel of one device to the BS at the origin, evolving with the device's mobility.
 *
 * <p>Per {@link #step(double)}:
 *
 * <ol>
 *   <li>the mobility model advances; {@code Δd} is the path length travelled in the step;
 *   <li>LOS/NLOS state: drawn at creation as Bernoulli({@code P_LOS(d2D)}) (TR 38.901 Table
 *       7.4.2-1) and re-drawn, from {@code P_LOS} at the new distance, whenever the device is
 *       farther than {@link ChannelConfig#losCorrelationDistanceM()} (straight-line) from the spot
 *       of the last draw; a device that wanders within that radius keeps its state, a static device
 *       never changes it;
 *   <li>path loss: {@link UmiStreetCanyonPathLoss} for the current state;
 *   <li>shadowing: two independent Gudmundson processes (LOS: σ 4 dB, 10 m; NLOS: σ 7.82 dB, 13 m),
 *       both advanced by {@code Δd}; the one matching the current state is reported. 38.901 likewise
 *       keeps separate LOS and NLOS large-scale-parameter maps, so a state change yields an
 *       independent draw while each map stays spatially consistent;
 *   <li>fading: Rician (K from the config) in LOS, Rayleigh in NLOS; the diffuse part is a
 *       Gauss–Markov process with {@code ρ = J0(2π f_D Δt) = J0(2π Δd / λ)}, {@code f_D} from the
 *       mean speed {@code Δd/Δt} (exact for constant speed, and well defined when a step mixes
 *       pauses and legs); the LOS ray's phase is {@code −2π d3D / λ}.
 * </ol>
 *
 * <p>Each component draws from its own stream (derived from the injected generator at
 * construction), so switching shadowing or fading off does not change the other components'
 * traces. A static device in a static environment has {@code f_D = 0}, hence frozen fading. Not
 * thread-safe.
 */
public final class DeviceChannel {

  private final ChannelConfig config;
  private final UmiStreetCanyonPathLoss pathLoss;
  private final MobilityModel mobility;
  private final RandomGenerator losRng;
  private final CorrelatedShadowing shadowingLos;
  private final CorrelatedShadowing shadowingNlos;
  private final CorrelatedFading fading;
  private boolean los;
  private Position losDrawPosition;
  private double timeSeconds;
  private ChannelState current;

  /**
   * Creates the channel at time 0 and draws its initial state.
   *
   * @param config channel configuration
   * @param mobility the device's mobility model; owned by this channel from now on (step it only
   *     through {@link #step(double)})
   * @param rng source of all of this channel's randomness
   * @throws IllegalArgumentException if the mobility model can go beyond the path-loss model's 5 km
   */
  public DeviceChannel(ChannelConfig config, MobilityModel mobility, RandomGenerator rng) {
    this.config = Check.present("config", config);
    this.mobility = Check.present("mobility", mobility);
    Check.present("rng", rng);
    if (mobility.maxDistanceFromOriginM() > UmiStreetCanyonPathLoss.MAX_DISTANCE_2D_M) {
      throw new IllegalArgumentException(
          "mobility: can reach " + mobility.maxDistanceFromOriginM()
              + " m from the BS, beyond the 5000 m validity of TR 38.901 UMi path loss");
    }
    this.pathLoss = config.pathLoss();
    this.losRng = new SplittableRandom(rng.nextLong());
    this.shadowingLos =
        new CorrelatedShadowing(
            UmiStreetCanyonPathLoss.SHADOWING_STD_LOS_DB,
            config.shadowingDecorrelationLosM(),
            new SplittableRandom(rng.nextLong()));
    this.shadowingNlos =
        new CorrelatedShadowing(
            UmiStreetCanyonPathLoss.SHADOWING_STD_NLOS_DB,
            config.shadowingDecorrelationNlosM(),
            new SplittableRandom(rng.nextLong()));
    this.fading = new CorrelatedFading(new SplittableRandom(rng.nextLong()));
    Position start = mobility.position();
    drawLosState(start);
    this.current = sample(start, mobility.speedMps());
  }

  /**
   * Creates the channel of device {@code deviceIndex} from a run seed, so that any process that
   * knows (seed, deviceIndex) reproduces the same trace, independently of how many other devices
   * it creates or in which order. The device's generator is {@code new
   * SplittableRandom(deviceSeed(seed, deviceIndex))}; its first {@code split()} feeds the mobility
   * factory, its second the channel.
   *
   * @param config channel configuration
   * @param seed run seed
   * @param deviceIndex device index, {@code ≥ 0}
   * @param mobilityFactory builds the device's mobility model from the generator it is given
   */
  public static DeviceChannel forDevice(
      ChannelConfig config,
      long seed,
      int deviceIndex,
      Function<RandomGenerator, MobilityModel> mobilityFactory) {
    Check.present("mobilityFactory", mobilityFactory);
    SplittableRandom deviceRng = new SplittableRandom(deviceSeed(seed, deviceIndex));
    MobilityModel mobility = mobilityFactory.apply(deviceRng.split());
    return new DeviceChannel(config, mobility, deviceRng.split());
  }

  /**
   * Channels for devices {@code 0 .. deviceCount − 1}; element {@code i} equals {@link
   * #forDevice(ChannelConfig, long, int, Function) forDevice(config, seed, i, mobilityFactory)}.
   *
   * @param deviceCount number of devices, {@code ≥ 0}
   */
  public static List<DeviceChannel> forDevices(
      ChannelConfig config,
      long seed,
      int deviceCount,
      Function<RandomGenerator, MobilityModel> mobilityFactory) {
    Check.nonNegative("deviceCount", deviceCount);
    List<DeviceChannel> channels = new ArrayList<>(deviceCount);
    for (int i = 0; i < deviceCount; i++) {
      channels.add(forDevice(config, seed, i, mobilityFactory));
    }
    return List.copyOf(channels);
  }

  /**
   * Per-device seed: the SplitMix64 finaliser of {@code seed + (deviceIndex + 1)·γ}, γ the 64-bit
   * golden ratio, so neighbouring indices and seeds give unrelated streams.
   *
   * @param deviceIndex device index, {@code ≥ 0}
   */
  public static long deviceSeed(long seed, int deviceIndex) {
    Check.nonNegative("deviceIndex", deviceIndex);
    long z = seed + (deviceIndex + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The configuration. */
  public ChannelConfig config() {
    return config;
  }

  /** The device's current position, m. */
  public Position position() {
    return mobility.position();
  }

  /** The latest state (the initial one before any step). */
  public ChannelState current() {
    return current;
  }

  /**
   * Advances mobility and channel by {@code dtSeconds} and returns the new state. {@code
   * dtSeconds = 0} returns the current state again.
   *
   * @param dtSeconds time step, s, finite and {@code ≥ 0}
   */
  public ChannelState step(double dtSeconds) {
    Check.nonNegative("dtSeconds", dtSeconds);
    if (dtSeconds == 0.0) {
      return current;
    }
    double odometerBeforeM = mobility.odometerM();
    Position position = mobility.step(dtSeconds);
    double movedM = mobility.odometerM() - odometerBeforeM;
    timeSeconds += dtSeconds;

    if (position.distanceToM(losDrawPosition) > config.losCorrelationDistanceM()) {
      drawLosState(position);
    }
    shadowingLos.advance(movedM);
    shadowingNlos.advance(movedM);
    // 2π f_D Δt with f_D = (Δd/Δt)·fc/c equals 2π Δd/λ.
    fading.advance(BesselJ0.j0(2.0 * Math.PI * movedM / config.wavelengthM()));

    current = sample(position, movedM / dtSeconds);
    return current;
  }

  private void drawLosState(Position position) {
    los = losRng.nextDouble() < UmiStreetCanyonPathLoss.losProbability(position.distanceFromOriginM());
    losDrawPosition = position;
  }

  private ChannelState sample(Position position, double speedMps) {
    double distance2dM = position.distanceFromOriginM();
    double distance3dM = pathLoss.distance3dM(distance2dM);
    double pathLossDb = pathLoss.pathLossDb(distance2dM, los);
    double shadowingDb =
        config.shadowingEnabled() ? (los ? shadowingLos.valueDb() : shadowingNlos.valueDb()) : 0.0;
    double fadingPower = 1.0;
    if (config.fadingEnabled()) {
      double kFactor = los ? config.ricianKFactorLinear() : 0.0;
      double wavelengths = distance3dM / config.wavelengthM();
      double losPhaseRad = -2.0 * Math.PI * (wavelengths - Math.floor(wavelengths));
      // |h|² is 0 with probability 0; keep it representable in dB.
      fadingPower = Math.max(fading.powerLinear(kFactor, losPhaseRad), Double.MIN_NORMAL);
    }
    double gainDb = -pathLossDb + shadowingDb + Units.linearToDb(fadingPower);
    double dopplerHz = speedMps * config.carrierFrequencyHz() / Units.SPEED_OF_LIGHT_M_PER_S;
    return new ChannelState(
        timeSeconds,
        distance2dM,
        distance3dM,
        los,
        pathLossDb,
        shadowingDb,
        fadingPower,
        gainDb,
        Units.dbToLinear(gainDb),
        speedMps,
        dopplerHz);
  }
}
