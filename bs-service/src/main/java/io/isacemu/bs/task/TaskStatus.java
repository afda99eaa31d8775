package io.isacemu.bs.task;

/** Life cycle of a task; every accepted task ends DONE, DEGRADED or FAILED. */
public enum TaskStatus {
  /** Accepted, waiting for a worker. */
  PENDING,
  /** Running. */
  RUNNING,
  /** Every sample served by the expert the mode chose. */
  DONE,
  /** Some samples fell back to a smaller expert or could not be served; see the reason. */
  DEGRADED,
  /** No sample could be served; see the reason. */
  FAILED;

  /** True for DONE, DEGRADED and FAILED. */
  public boolean terminal() {
    return this == DONE || this == DEGRADED || this == FAILED;
  }
}
