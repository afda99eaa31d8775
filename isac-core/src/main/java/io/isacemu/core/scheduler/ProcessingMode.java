package io.isacemu.core.scheduler;

/**
 * Where a device's sensing data is encoded (binary offloading decision of the system model).
 *
 * <ul>
 *   <li>{@link #OFFLOAD}: the device uploads its raw data and the MEC server encodes it;
 *   <li>{@link #LOCAL}: the device encodes on its own CPU and uploads only the small result.
 * </ul>
 */
public enum ProcessingMode {
  OFFLOAD,
  LOCAL
}
