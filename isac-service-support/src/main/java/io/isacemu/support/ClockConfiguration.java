package io.isacemu.support;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The services' one time source (UTC system clock), bean {@code clock}; tests replace it. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The same clock read as elapsed nanoseconds (its epoch time in ns; microsecond resolution for the
   * system clock on Linux), for the durations a service measures, so that one injected clock drives
   * both instants and waits. Only differences are meaningful.
   */
  public static LongSupplier nanos(Clock clock) {
    return () -> {
      Instant t = clock.instant();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    };
  }
}
