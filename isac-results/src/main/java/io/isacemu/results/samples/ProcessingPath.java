package io.isacemu.results.samples;

/** Where a device's part of a sample was processed. */
public enum ProcessingPath {
  /** on the device ({@code local}) */
  LOCAL,
  /** uplinked and processed on the MEC server ({@code offload}) */
  OFFLOAD;

  /** The lower-case CSV spelling: {@code local} or {@code offload}. */
  public String csv() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
