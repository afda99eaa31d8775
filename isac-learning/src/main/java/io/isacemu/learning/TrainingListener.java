package io.isacemu.learning;

/** Receives a report after every training epoch (called on the training thread). */
@FunctionalInterface
public interface TrainingListener {

  /** Called after each epoch of either stage. */
  void onEpoch(EpochReport report);

  /**
   * A run — one stage-I expert, or the gate of one λ in stage II — is about to train {@code
   * firstEpoch} (0-based; &gt; 0 when resumed from a checkpoint); called before that epoch starts, so
   * a listener can time it. Ignored by default.
   *
   * @param stage the stage
   * @param model expert name (stage I) or {@code gate} (stage II)
   * @param lambda the run's λ; 0 in stage I
   */
  default void onRunStart(EpochReport.Stage stage, String model, double lambda, int firstEpoch) {}

  /** A note about the job; ignored by default. */
  default void onMessage(String text) {}

  /**
   * Stage-I expert {@code expert} was restored from its checkpoint with {@code epochs} epochs
   * completed (called before any epoch of it is trained): {@code complete} when the expert is done,
   * else it goes on with epoch {@code epochs} (0-based). Its restored epochs are not reported again.
   */
  default void onRestored(String expert, int epochs, boolean complete) {
    onMessage("expert " + expert + " restored from its checkpoint (" + epochs + " epochs"
        + (complete ? ", done" : "; resuming") + ")");
  }

  /** A listener that ignores every report. */
  static TrainingListener none() {
    return r -> {};
  }
}
