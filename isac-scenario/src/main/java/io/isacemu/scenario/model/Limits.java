package io.isacemu.scenario.model;

/**
 * The valid range of every numeric scenario key, in the key's unit. Where a core or service type
 * already bounds a value, the range is that type's (named in each comment), so a scenario the
 * loader accepts is one the services accept too.
 */
public final class Limits {

  private Limits() {}

  // cell (RadioSettings, Spectrum, ChannelConfig / UmiStreetCanyonPathLoss)
  /** {@code B}, Hz. */
  public static final Range BANDWIDTH_HZ = Range.above(0, 1e10);
  /** {@code B_min}, Hz (also ≤ B, checked across keys). */
  public static final Range UNIT_BANDWIDTH_HZ = Range.above(0, 1e10);
  /** {@code M} (RadioSettings). */
  public static final Range BS_ANTENNAS = Range.closed(1, 1024);
  /** Cell radius, m (TR 38.901 UMi table validity: 5 km). */
  public static final Range RADIUS_M = Range.above(0, 5000);
  /** Noise figure, dB (RadioSettings). */
  public static final Range NOISE_FIGURE_DB = Range.closed(0, 30);
  /** Carrier, Hz (TR 38.901 range). */
  public static final Range CARRIER_HZ = Range.closed(0.5e9, 100e9);
  /** BS antenna height, m (above the 1 m effective environment height). */
  public static final Range BS_HEIGHT_M = Range.above(1, 1000);
  /** UE antenna height, m (UMi range). */
  public static final Range UE_HEIGHT_M = Range.closed(1.5, 22.5);
  /** Rician K-factor in LOS, dB. */
  public static final Range RICIAN_K_DB = Range.closed(-50, 50);
  /** Shadowing decorrelation distance, m. */
  public static final Range DECORRELATION_M = Range.above(0, 10_000);
  /** LOS state correlation distance, m. */
  public static final Range LOS_CORRELATION_M = Range.closed(0, 10_000);

  // mec (MecServer)
  /** MEC aggregate CPU, Hz. */
  public static final Range MEC_CPU_HZ = Range.above(0, 1e12);
  /** FLOPs per cycle (MecServer, DeviceProcessor). */
  public static final Range FLOPS_PER_CYCLE = Range.above(0, 1024);

  // devices (DeviceProcessor, device-service)
  /** Devices per modality. */
  public static final Range DEVICE_COUNT = Range.closed(1, 64);
  /** Sensing rate {@code m_k}, bit/s. */
  public static final Range SENSING_RATE_BPS = Range.above(0, 1e10);
  /** Transmit power {@code P_k}, dBm. */
  public static final Range TX_POWER_DBM = Range.closed(-50, 40);
  /** Device CPU {@code f_k}, Hz (DeviceProcessor). */
  public static final Range DEVICE_CPU_HZ = Range.above(0, 1e10);
  /** {@code κ}, J·s²/cycle³ (DeviceProcessor). */
  public static final Range KAPPA = Range.above(0, 1e-20);
  /** Start distance from the BS, m (also ≤ cell.radiusM, checked across keys). */
  public static final Range DISTANCE_M = Range.closed(0, 5000);
  /** Start bearing, degrees counter-clockwise from the x axis. */
  public static final Range ANGLE_DEG = Range.closed(-360, 360);
  /** Random-waypoint speed bounds, m/s (RandomWaypoint requires > 0). */
  public static final Range SPEED_MPS = Range.above(0, 100);
  /** Random-waypoint pause, s. */
  public static final Range PAUSE_S = Range.closed(0, 3600);

  // dataset (SyntheticConfig)
  /** Split size, samples. */
  public static final Range SPLIT_SIZE = Range.closed(1, 1_000_000);
  /** Time steps per sample. */
  public static final Range SEQUENCE_LENGTH = Range.closed(1, 1000);
  /** A share of samples. */
  public static final Range SHARE = Range.closed(0, 1);
  /** Feature noise standard deviation. */
  public static final Range FEATURE_NOISE = Range.closed(0, 10);
  /** Label noise standard deviation. */
  public static final Range LABEL_NOISE = Range.closed(0, 3);

  // training (training-service JobSpec and isac.training.limits)
  /** Epochs per stage (isac.training.limits.max-epochs). */
  public static final Range EPOCHS = Range.closed(1, 1000);
  /** A cost weight λ. */
  public static final Range LAMBDA = Range.closed(0, 1e6);
  /** λ values per job (isac.training.limits.max-lambdas). */
  public static final int MAX_LAMBDAS = 32;
  /** Gumbel-softmax temperature. */
  public static final Range TAU = Range.above(0, 100);
  /** Mini-batch size (isac.training.limits.max-batch-size). */
  public static final Range BATCH_SIZE = Range.closed(1, 4096);
  /** Early-stopping patience, epochs. */
  public static final Range PATIENCE = Range.closed(1, 1000);

  // serving (bs-service BsProperties and isac.bs.limits)
  /** Deadline per fetch round, emulated s (isac.bs.limits.max-deadline-seconds). */
  public static final Range DEADLINE_S = Range.above(0, 3600);
  /** Sensing time {@code T^s} per sample, emulated s. */
  public static final Range SENSING_S = Range.above(0, 3600);
  /** Test samples run per sweep point and mode. */
  public static final Range SAMPLES_PER_POINT = Range.closed(1, 1_000_000);
  /** Samples per task. */
  public static final Range SAMPLES_PER_TASK = Range.closed(1, 10_000);
  /** Tasks in flight (isac.bs.limits.max-tasks-in-flight). */
  public static final Range TASKS_IN_FLIGHT = Range.closed(1, 256);
  /** Wall seconds per emulated second; 0 = as fast as possible. */
  public static final Range TIME_SCALE = Range.closed(0, 1000);

  // top level and sweep
  /** Runs per sweep point. */
  public static final Range REPLICATIONS = Range.closed(1, 1000);
  /** Largest grid a sweep may expand to. */
  public static final Range MAX_POINTS = Range.closed(1, 100_000);
}
