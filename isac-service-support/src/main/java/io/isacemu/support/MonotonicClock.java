package io.isacemu.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A UTC clock that never steps: the host's UTC instant read once, at construction, then advanced by
 * a monotonic nanosecond ticker ({@link System#nanoTime()} in production). A service measures
 * durations (task latency, waits, report lag) as differences of its instants, so an NTP step or a
 * manual clock change must not make a duration negative or jump; the price is that the instants
 * drift from host UTC by the ticker's rate error (ppm) over the process's life.
 */
public final class MonotonicClock extends Clock {

  private final Instant anchor;
  private final long anchorNanos;
  private final LongSupplier ticker;

  /**
   * @param anchor the instant at {@code ticker}'s current reading
   * @param ticker monotonic time, ns; only differences are used
   */
  public MonotonicClock(Instant anchor, LongSupplier ticker) {
    this.anchor = anchor;
    this.ticker = ticker;
    this.anchorNanos = ticker.getAsLong();
  }

  /** Anchored at the host's UTC now, advanced by {@link System#nanoTime()}. */
  public static MonotonicClock system() {
    return new MonotonicClock(Instant.now(), System::nanoTime);
  }

  /** Monotonic time, ns (the ticker's reading); only differences are meaningful. */
  public long nanoTime() {
    return ticker.getAsLong();
  }

  @Override
  public Instant instant() {
    return anchor.plusNanos(ticker.getAsLong() - anchorNanos);
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always UTC: services keep instants in UTC and format zones at the edge. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
