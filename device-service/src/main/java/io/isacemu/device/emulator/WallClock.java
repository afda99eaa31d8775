package io.isacemu.device.emulator;

import java.time.Clock;
import java.time.Instant;

/**
 * The device process's one time source: a monotonic nanosecond counter for elapsed time (emulated
 * time, command wall times) and a UTC instant for timestamps. Injected (one bean) so tests can
 * drive every reading deterministically; nothing else in device-service reads the JVM's clocks.
 */
public interface WallClock {

  /** Monotonic time, ns; only differences are meaningful (as {@link System#nanoTime()}). */
  long nanoTime();

  /** The current UTC instant (for report timestamps). */
  Instant now();

  /** This clock's {@link #now()} as a UTC {@link Clock}, for libraries that take one. */
  default Clock asUtcClock() {
    return new WallClockView(this);
  }

  /** The JVM's clocks: {@link System#nanoTime()} and {@link Instant#now()}. */
  static WallClock system() {
    return new WallClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Instant now() {
        return Instant.now();
      }
    };
  }
}
