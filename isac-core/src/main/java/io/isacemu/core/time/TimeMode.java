package io.isacemu.core.time;

/**
 * What clocks the devices' channel, mobility and sensing traces (one setting shared by the BS,
 * {@code isac.bs.time}, and the devices, {@code isac.device.time}).
 */
public enum TimeMode {
  /** Emulated time = wall time elapsed / time scale: live and soak runs; traces differ run to run. */
  WALL,
  /**
   * Emulated time is owned by the BS and advanced by the tasks' modelled latencies; every command
   * carries it, so the same seed and task sequence give the same traces.
   */
  EMULATED
}
