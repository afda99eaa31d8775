package io.isacemu.learning;

/** Receives a report after every training epoch (called on the training thread). */
@FunctionalInterface
public interface TrainingListener {

  /** Called after each epoch of either stage. */
  void onEpoch(EpochReport report);

  /** A listener that ignores every report. */
  static TrainingListener none() {
    return r -> {};
  }
}
