package io.isacemu.device.emulator;

import java.time.Instant;

/**
 * The wall clock an emulator reads: a monotonic nanosecond counter for elapsed time and a UTC
 * instant for timestamps. Injected so tests can drive emulated time deterministically.
 */
public interface WallClock {

  /** Monotonic time, ns; only differences are meaningful (as {@link System#nanoTime()}). */
  long nanoTime();

  /** The current UTC instant (for report timestamps). */
  Instant now();

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
