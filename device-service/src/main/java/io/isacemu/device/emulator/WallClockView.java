package io.isacemu.device.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link WallClock}'s UTC instant seen as a {@link Clock} (see {@link WallClock#asUtcClock}). */
final class WallClockView extends Clock {

  private final WallClock clock;
  private final ZoneId zone;

  WallClockView(WallClock clock) {
    this(clock, ZoneOffset.UTC);
  }

  private WallClockView(WallClock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new WallClockView(clock, zone);
  }

  @Override
  public Instant instant() {
    return clock.now();
  }
}
