package io.isacemu.device.sensing;

/** Outcome of a sense command (mirrors {@code isacemu.v1.SenseStatus} without UNSPECIFIED). */
public enum SenseStatus {
  /** Every requested sample was sensed and sent in time. */
  OK,
  /** Malformed command, or one the device cannot execute (e.g. LOCAL without an encoder). */
  INVALID_COMMAND,
  /** Some sample ids do not exist; the known ones are still sent. */
  UNKNOWN_SAMPLE,
  /** The modelled time exceeds the deadline; the samples that fit are still sent. */
  DEADLINE_EXCEEDED,
  /** Another command is in progress. */
  BUSY,
  /** Any other failure. */
  INTERNAL
}
