package io.isacemu.learning;

/** Receives a report after every training epoch (called on the training thread). */
@FunctionalInterface
public interface TrainingListener {

  /** Called after each epoch of either stage. */
  void onEpoch(EpochReport report);

  /** A note about the job; ignored by default. */
  default void onMessage(String text) {}

  /** Stage-I expert {@code expert} was restored from its checkpoint, with {@code epochs} epochs run. */
  default void onRestored(String expert, int epochs) {
    onMessage("expert " + expert + " restored from its checkpoint (" + epochs + " epochs)");
  }

  /** A listener that ignores every report. */
  static TrainingListener none() {
    return r -> {};
  }
}
