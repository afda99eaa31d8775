package io.isacemu.device.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.device.testing.TestDevices;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WallClockTest {

  @Test
  void theUtcClockViewReadsTheWallClocksInstant() {
    WallClock ticking = TestDevices.tickingClock(1_000_000);
    Clock utc = ticking.asUtcClock();

    assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(utc.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    ticking.nanoTime();
    assertThat(utc.millis()).isEqualTo(Instant.parse("2026-01-01T00:00:00.001Z").toEpochMilli());
    Clock paris = utc.withZone(ZoneId.of("Europe/Paris"));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(ticking.now());
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
  }
}
