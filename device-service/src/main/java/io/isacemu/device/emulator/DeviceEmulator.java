package io.isacemu.device.emulator;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.channel.ChannelState;
import io.isacemu.core.channel.DeviceChannel;
import io.isacemu.core.time.TimeMode;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;

/**
 * One emulated device: its channel and mobility, clocked by wall or emulated time ({@link
 * TimeMode}), plus its energy and CPU accounts and its samples.
 *
 * <p>{@link TimeMode#WALL}: emulated time is {@code (wall elapsed since creation) / timeScale},
 * {@code timeScale} being wall seconds per emulated second (0.001: one emulated second passes in
 * 1 ms). {@link TimeMode#EMULATED}: emulated time moves only by {@link #advanceTo} (the BS's stamp
 * on each command), never backwards, and {@link #reset} restarts the trace at 0 with a new seed.
 * The channel is {@link DeviceChannel#forDevice} of ({@code platformSeed}, {@code deviceIndex}),
 * stepped lazily to the current emulated time whenever state is read, so the same seed and the
 * same sequence of times give the same trace.
 *
 * <p>Energy accumulates the three terms of the system model: sensing {@code P_s T^s}, transmission
 * {@code P_k T^comm} and local computing {@code κ f_k² cycles} ({@link
 * io.isacemu.core.compute.DeviceProcessor}). Thread-safe (all methods synchronized).
 */
public final class DeviceEmulator {

  private final DeviceSpec spec;
  private final int deviceIndex;
  private final SampleStore samples;
  private final WallClock clock;
  private final double timeScale;
  private final ThermalNoise noise;
  private final double unitBandwidthHz;
  private final TimeMode mode;
  private final ChannelConfig channelConfig;
  private DeviceChannel channel;
  private long platformSeed;
  private final long startNanos;
  private double stampedTimeS;
  private double channelTimeS;
  private double energyUsedJ;
  private double busyS;
  private double lastSnapshotTimeS;
  private double lastSnapshotBusyS;
  private double lastCpuLoad;

  /**
   * Creates the device at emulated time 0 (now on {@code clock}).
   *
   * @param spec the device
   * @param deviceIndex index of the device in the platform, {@code ≥ 0} (selects its seeded stream)
   * @param platformSeed the platform seed shared by every process of a run
   * @param channelConfig channel model configuration
   * @param noise receiver noise at the BS, for the reported per-unit SNR
   * @param unitBandwidthHz {@code B_min} for the reported per-unit SNR, Hz, {@code > 0}
   * @param samples the device's modality's samples; must be of {@code spec.modality()}
   * @param clock the wall clock
   * @param timeScale wall seconds per emulated second, {@code > 0} (WALL mode)
   */
  public DeviceEmulator(
      DeviceSpec spec,
      int deviceIndex,
      long platformSeed,
      ChannelConfig channelConfig,
      ThermalNoise noise,
      double unitBandwidthHz,
      SampleStore samples,
      WallClock clock,
      double timeScale) {
    this(spec, deviceIndex, platformSeed, channelConfig, noise, unitBandwidthHz, samples, clock, timeScale,
        TimeMode.WALL);
  }

  /** As above, with the time mode. */
  public DeviceEmulator(
      DeviceSpec spec,
      int deviceIndex,
      long platformSeed,
      ChannelConfig channelConfig,
      ThermalNoise noise,
      double unitBandwidthHz,
      SampleStore samples,
      WallClock clock,
      double timeScale,
      TimeMode mode) {
    this.spec = Check.present("spec", spec);
    this.deviceIndex = Check.nonNegative("deviceIndex", deviceIndex);
    this.noise = Check.present("noise", noise);
    this.unitBandwidthHz = Check.positive("unitBandwidthHz", unitBandwidthHz);
    this.samples = Check.present("samples", samples);
    if (samples.modality() != spec.modality()) {
      throw new IllegalArgumentException("samples: modality " + samples.modality()
          + " differs from the device's " + spec.modality());
    }
    this.clock = Check.present("clock", clock);
    this.timeScale = Check.positive("timeScale", timeScale);
    this.mode = Check.present("mode", mode);
    this.channelConfig = Check.present("channelConfig", channelConfig);
    this.platformSeed = platformSeed;
    this.channel = DeviceChannel.forDevice(
        channelConfig, platformSeed, deviceIndex, spec.mobility()::create);
    this.startNanos = clock.nanoTime();
  }

  /** What clocks this device. */
  public TimeMode mode() {
    return mode;
  }

  /** The platform seed of the current trace. */
  public synchronized long platformSeed() {
    return platformSeed;
  }

  /**
   * EMULATED mode: steps channel and mobility to emulated time {@code timeS} (the BS's stamp).
   *
   * @throws IllegalArgumentException when {@code timeS} is before the current emulated time (the
   *     trace never goes backwards), naming both times
   * @throws IllegalStateException in WALL mode
   */
  public synchronized DeviceSnapshot advanceTo(double timeS) {
    requireEmulated("emulated_time_s");
    Check.nonNegative("emulatedTimeS", timeS);
    if (timeS < stampedTimeS) {
      throw new IllegalArgumentException("emulated_time_s: " + timeS + " s is before the device's current emulated time "
          + stampedTimeS + " s (emulated time never goes backwards)");
    }
    stampedTimeS = timeS;
    return snapshot();
  }

  /**
   * EMULATED mode: restarts the trace at emulated time 0 with {@code seed}: mobility and channel as
   * if just created. Energy keeps accumulating (it never decreases within a session).
   */
  public synchronized void reset(long seed) {
    requireEmulated("emulation_reset");
    platformSeed = seed;
    channel = DeviceChannel.forDevice(channelConfig, seed, deviceIndex, spec.mobility()::create);
    channelTimeS = 0;
    stampedTimeS = 0;
    lastSnapshotTimeS = 0;
    lastSnapshotBusyS = busyS;
    lastCpuLoad = 0;
  }

  private void requireEmulated(String what) {
    if (mode != TimeMode.EMULATED) {
      throw new IllegalStateException(what + ": device " + spec.deviceId()
          + " runs on wall time (isac.device.time = wall); the BS sends emulated times only in emulated mode");
    }
  }

  /** The device's static description. */
  public DeviceSpec spec() {
    return spec;
  }

  /** The device's index in the platform. */
  public int deviceIndex() {
    return deviceIndex;
  }

  /** The device's samples. */
  public SampleStore samples() {
    return samples;
  }

  /** The wall clock. */
  public WallClock clock() {
    return clock;
  }

  /** Wall seconds per emulated second, {@code > 0}. */
  public double timeScale() {
    return timeScale;
  }

  /** Emulated seconds: WALL since creation, from the clock; EMULATED the latest stamp since the last reset. */
  public synchronized double emulatedTimeS() {
    if (mode == TimeMode.EMULATED) {
      return stampedTimeS;
    }
    return (clock.nanoTime() - startNanos) / 1e9 / timeScale;
  }

  /** The channel state at the current emulated time (steps mobility and channel to now). */
  public synchronized ChannelState channelNow() {
    double now = emulatedTimeS();
    if (now > channelTimeS) {
      channel.step(now - channelTimeS);
      channelTimeS = now;
    }
    return channel.current();
  }

  /**
   * The device's state now. CPU load is the busy fraction since the previous snapshot (the
   * previous value again when no emulated time has passed).
   */
  public synchronized DeviceSnapshot snapshot() {
    ChannelState state = channelNow();
    double dt = channelTimeS - lastSnapshotTimeS;
    if (dt > 0) {
      lastCpuLoad = Math.min(1.0, (busyS - lastSnapshotBusyS) / dt);
      lastSnapshotTimeS = channelTimeS;
      lastSnapshotBusyS = busyS;
    }
    // P h / σ²(B_min): one unit, no array gain (the BS applies its own M).
    double snrDb = spec.txPowerDbm() + state.channelGainDb() - noise.noisePowerDbm(unitBandwidthHz);
    return new DeviceSnapshot(channelTimeS, state, channel.position(), spec.txPowerDbm(), snrDb,
        lastCpuLoad, energyUsedJ);
  }

  /**
   * Books the cost of one finished command.
   *
   * @param energyJ energy spent, J, {@code ≥ 0}
   * @param computeSeconds emulated seconds the CPU was busy, {@code ≥ 0}
   */
  public synchronized void recordWork(double energyJ, double computeSeconds) {
    Check.nonNegative("energyJ", energyJ);
    Check.nonNegative("computeSeconds", computeSeconds);
    energyUsedJ += energyJ;
    busyS += computeSeconds;
  }

  /** Energy spent since creation, J. */
  public synchronized double energyUsedJ() {
    return energyUsedJ;
  }

  /** Transmit power {@code P_k}, W. */
  public double txPowerW() {
    return Units.dbmToWatts(spec.txPowerDbm());
  }
}
