package io.isacemu.device.config;

import io.isacemu.device.link.DeviceAgent;
import java.util.List;

/** The devices of this process; started and closed with the application context. */
public final class DeviceFleet implements AutoCloseable {

  private final List<DeviceAgent> agents;

  /** The agents, in configuration order. */
  public DeviceFleet(List<DeviceAgent> agents) {
    this.agents = List.copyOf(agents);
  }

  /** The agents, in configuration order. */
  public List<DeviceAgent> agents() {
    return agents;
  }

  /** Starts every device's attach loop. */
  public void start() {
    agents.forEach(DeviceAgent::start);
  }

  /** Half-closes every session and stops the agents. */
  @Override
  public void close() {
    agents.forEach(DeviceAgent::close);
  }
}
