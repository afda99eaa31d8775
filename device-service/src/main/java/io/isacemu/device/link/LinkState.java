package io.isacemu.device.link;

/** Where a device's link to the BS stands. */
public enum LinkState {
  /** Opening the Attach stream. */
  CONNECTING,
  /** Register sent, waiting for RegisterAck. */
  REGISTERING,
  /** Registered: reporting and serving commands. */
  ATTACHED,
  /** Stream lost, refused or BS-disconnected: waiting to re-attach. */
  RECONNECTING,
  /** Stopped (shutdown, or the BS said not to re-attach). */
  STOPPED
}
