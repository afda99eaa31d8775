package io.isacemu.support;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services' one time source, bean {@code clock}: a {@link MonotonicClock} (UTC instants that never
 * step); tests replace it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  @Bean
  Clock clock() {
    return MonotonicClock.system();
  }

  /**
   * The same clock read as elapsed nanoseconds, for the durations a service measures, so that one
   * injected clock drives both instants and waits. A {@link MonotonicClock} gives its ticker (ns
   * resolution); any other clock its epoch time in ns (a test's fixed or stepped clock). Only
   * differences are meaningful.
   */
  public static LongSupplier nanos(Clock clock) {
    if (clock instanceof MonotonicClock monotonic) {
      return monotonic::nanoTime;
    }
    return () -> {
      Instant t = clock.instant();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    };
  }
}
