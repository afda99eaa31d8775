package io.isacemu.bs.emulation;

import io.isacemu.core.time.TimeMode;
import io.isacemu.core.validation.Check;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code isac.bs.emulation.*}: what clocks the devices' traces.
 *
 * @param time {@code wall} (live/soak: each device's wall time / time scale; traces differ run to
 *     run) or {@code emulated} (the BS's {@link EmulationClock} stamps every command; the devices
 *     must run {@code isac.device.time = emulated})
 * @param seed the platform seed the devices start with ({@code isac.device.platform-seed}); what
 *     {@code GET /api/emulation} reports until a reset sets another
 * @param stateQueryTimeoutMs how long a round waits for a device's answer to a state query, wall
 *     ms, &gt; 0; a device that does not answer in time is left out of the round
 */
@ConfigurationProperties("isac.bs.emulation")
public record EmulationProperties(
    @DefaultValue("wall") TimeMode time,
    @DefaultValue("42") long seed,
    @DefaultValue("3000") long stateQueryTimeoutMs) {

  public EmulationProperties {
    Check.present("isac.bs.emulation.time", time);
    Check.positive("isac.bs.emulation.state-query-timeout-ms", stateQueryTimeoutMs);
  }
}
