package io.isacemu.results.samples;

/** The outcome of one sample. */
public enum SampleStatus {
  /** served as asked */
  OK,
  /** served, but degraded (e.g. a device dropped, a fallback expert); the reason is recorded */
  DEGRADED,
  /** not served: no prediction; the reason is recorded */
  FAILED;

  /** The lower-case CSV spelling. */
  public String csv() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
