package io.isacemu.bs.emulation;

import io.isacemu.core.time.TimeMode;
import io.isacemu.core.validation.Check;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The BS's emulated clock ({@code isac.bs.emulation.time = emulated}): advanced by the tasks
 * themselves, so it is a function of the seed and the task sequence, never of wall time. A task
 * starts at the clock's time, its round {@code r} at start + the modelled sensing and
 * communication time of the rounds before it, and when it ends the clock moves to
 * {@code max(now, start + modelled latency)}. Every command and state query a device receives is
 * stamped through {@link #stamped}, which never sends a device a time before one it was already
 * sent (with several tasks in flight a later round of one task may precede an earlier of
 * another: that device then senses at its later time). Thread-safe.
 */
public final class EmulationClock {

  private final TimeMode mode;
  private long seed;
  private double nowS;
  private final Map<String, Double> lastStampS = new HashMap<>();

  /**
   * @param mode what clocks the traces
   * @param seed the platform seed the devices' traces start with (their {@code
   *     isac.device.platform-seed})
   */
  public EmulationClock(TimeMode mode, long seed) {
    this.mode = Check.present("mode", mode);
    this.seed = seed;
  }

  /** A wall-mode clock (nothing is stamped). */
  public static EmulationClock wall() {
    return new EmulationClock(TimeMode.WALL, 0);
  }

  public TimeMode mode() {
    return mode;
  }

  public boolean emulated() {
    return mode == TimeMode.EMULATED;
  }

  /** The platform seed of the current trace. */
  public synchronized long seed() {
    return seed;
  }

  /** The clock's time, emulated s since the last reset. */
  public synchronized double nowS() {
    return nowS;
  }

  /** A task starts now: its start time, emulated s. */
  public synchronized double taskStarted() {
    return nowS;
  }

  /** A task ended at {@code endS} (its start + its modelled latency), emulated s. */
  public synchronized void taskEnded(double endS) {
    Check.finite("endS", endS);
    nowS = Math.max(nowS, endS);
  }

  /**
   * Sends to {@code deviceId} something stamped with {@code timeS} (raised to the last time sent to
   * that device, if later), atomically, so a device never receives times out of order.
   */
  public synchronized <T> T stamped(String deviceId, double timeS, DoubleFunction<T> send) {
    Check.nonNegative("timeS", timeS);
    double stamp = Math.max(timeS, lastStampS.getOrDefault(deviceId, 0.0));
    lastStampS.put(deviceId, stamp);
    return send.apply(stamp);
  }

  /** Restarts at emulated time 0 with {@code newSeed}. */
  public synchronized void reset(long newSeed) {
    seed = newSeed;
    nowS = 0;
    lastStampS.clear();
  }
}
