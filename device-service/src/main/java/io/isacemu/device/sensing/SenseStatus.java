package io.isacemu.device.sensing;

/** Outcome of a sense command (mirrors {@code isacemu.v1.SenseStatus} without UNSPECIFIED). */
public enum SenseStatus {
  /** Every requested sample was sensed and sent in time. */
  OK,
  /** Malformed command, or one that contradicts the device's registration. */
  INVALID_COMMAND,
  /** Some sample ids do not exist; the known ones are still sent. */
  UNKNOWN_SAMPLE,
  /** The modelled time exceeds the deadline; the samples that fit are still sent. */
  DEADLINE_EXCEEDED,
  /** Another command is in progress. */
  BUSY,
  /** Any other failure. */
  INTERNAL,
  /**
   * LOCAL requested but the device has no encoder, or not the requested bundle version / expert;
   * nothing was sensed (the BS may resend as OFFLOAD).
   */
  LOCAL_UNAVAILABLE
}
