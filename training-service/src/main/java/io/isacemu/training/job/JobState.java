package io.isacemu.training.job;

/** Life cycle of a job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (or QUEUED → CANCELLED). */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Whether the job has ended (and counts against the bounded history). */
  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
