package io.isacemu.bs.registry;

/** Liveness of a registered device. */
public enum DeviceStatus {
  /** Attached and heard from within the liveness window. */
  LIVE,
  /** Silent for too long, or its stream ended; it may re-attach. */
  LOST,
  /**
   * Its session was ended for implausible reports (isac.bs.plausibility); refused until the
   * quarantine ends, then it may re-attach.
   */
  QUARANTINED
}
