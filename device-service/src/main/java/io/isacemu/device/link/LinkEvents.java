package io.isacemu.device.link;

import io.isacemu.device.sensing.SenseStatus;

/** What a {@link DeviceAgent} tells the outside (metrics). Called from the agent's thread. */
public interface LinkEvents {

  /** Does nothing. */
  LinkEvents NONE = new LinkEvents() {};

  /** A StateReport was sent. */
  default void reportSent(String deviceId) {}

  /** A re-attach was scheduled after {@code delayMs}. */
  default void reconnectScheduled(String deviceId, long delayMs) {}

  /** A command was answered (last chunk sent). */
  default void commandAnswered(String deviceId, SenseStatus status, long bitsSent) {}
}
