package io.isacemu.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {

  private final AtomicLong ticks = new AtomicLong(5_000_000_000L);
  private final Instant anchor = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void instantsAdvanceByTheTickerFromTheAnchor() {
    MonotonicClock clock = new MonotonicClock(anchor, ticks::get);
    assertThat(clock.instant()).isEqualTo(anchor);
    ticks.addAndGet(1_500_000_123L);
    assertThat(clock.instant()).isEqualTo(anchor.plusNanos(1_500_000_123L));
    assertThat(clock.millis()).isEqualTo(anchor.toEpochMilli() + 1500);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void nanosOfAMonotonicClockIsItsTickerAtFullResolution() {
    MonotonicClock clock = new MonotonicClock(anchor, ticks::get);
    LongSupplier nanos = ClockConfiguration.nanos(clock);
    long a = nanos.getAsLong();
    ticks.addAndGet(7);
    assertThat(nanos.getAsLong() - a).isEqualTo(7);
  }

  @Test
  void nanosOfAnyOtherClockIsItsEpochTime() {
    LongSupplier nanos = ClockConfiguration.nanos(Clock.fixed(anchor.plusNanos(3), ZoneOffset.UTC));
    assertThat(nanos.getAsLong()).isEqualTo(anchor.getEpochSecond() * 1_000_000_000L + 3);
  }

  @Test
  void theSystemClockStartsAtHostUtcAndNeverGoesBack() {
    Instant before = Instant.now();
    MonotonicClock clock = MonotonicClock.system();
    Instant first = clock.instant();
    assertThat(first).isAfterOrEqualTo(before.minusMillis(1));
    Instant previous = first;
    for (int i = 0; i < 10_000; i++) {
      Instant t = clock.instant();
      assertThat(t).isAfterOrEqualTo(previous);
      previous = t;
    }
  }
}
