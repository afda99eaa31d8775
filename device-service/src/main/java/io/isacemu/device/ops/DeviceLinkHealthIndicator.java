package io.isacemu.device.ops;

import io.isacemu.device.config.DeviceFleet;
import io.isacemu.device.link.DeviceAgent;
import io.isacemu.device.link.LinkState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code deviceLink}: each device's link state ({@code attached}, {@code
 * reconnecting}, ...) and session id. Always UP while the process runs: a BS restart is routine
 * and the devices re-attach by themselves, so a liveness probe must not restart them for it; the
 * {@code attached} / {@code devices} counts tell readiness.
 */
@Component("deviceLink")
public class DeviceLinkHealthIndicator implements HealthIndicator {

  private final DeviceFleet fleet;

  public DeviceLinkHealthIndicator(DeviceFleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public Health health() {
    Map<String, Object> devices = new LinkedHashMap<>();
    int attached = 0;
    for (DeviceAgent agent : fleet.agents()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("state", agent.state().name().toLowerCase(Locale.ROOT));
      agent.sessionId().ifPresent(id -> detail.put("session", id));
      devices.put(agent.deviceId(), detail);
      if (agent.state() == LinkState.ATTACHED) {
        attached++;
      }
    }
    return Health.up()
        .withDetail("attached", attached)
        .withDetail("devices", fleet.agents().size())
        .withDetail("links", devices)
        .build();
  }
}
