package io.isacemu.experimentservice.run;

/** Where an experiment is. Only COMPLETE means every point and mode ran; PARTIAL names its failures. */
public enum ExperimentStatus {
  QUEUED, RUNNING, COMPLETE, PARTIAL, FAILED, CANCELLED;

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }
}
