package io.isacemu.training.engine;

import java.util.Map;

/** Receives a job's progress from the engine, on the training thread. */
public interface ProgressListener {

  /**
   * A stage (or a sub-run of it) begins.
   *
   * @param stage the stage
   * @param subject what is trained: the expert's name (stage I, e.g. {@code V+A+T}) or the λ (stage
   *     II, e.g. {@code λ=0.1})
   */
  void onStage(Stage stage, String subject);

  /**
   * An epoch finished.
   *
   * @param stage current stage
   * @param epoch 1-based epoch within the current sub-run, in {@code [1, epochs]}
   * @param epochs planned epochs of the current sub-run, ≥ 1 (early stopping may end it sooner)
   * @param trainLoss mean training loss of the epoch, finite
   * @param validLoss validation loss after the epoch, finite
   * @param validMetrics validation metrics by name (e.g. {@code acc2}, {@code mae}); may be empty
   * @param samplesPerSecond training throughput of the epoch, samples/s, ≥ 0
   */
  void onEpoch(
      Stage stage,
      int epoch,
      int epochs,
      double trainLoss,
      double validLoss,
      Map<String, Double> validMetrics,
      double samplesPerSecond);

  /** A free-form progress note (e.g. "early stop after 7 epochs"). */
  void onMessage(String text);

  /**
   * A stage-I expert restored from its checkpoint (before any epoch is trained in this run): its
   * {@code epochs} count as completed and are not reported again.
   *
   * @param subject the expert's name, e.g. {@code V+A+T}
   * @param epochs epochs it had completed, ≥ 1
   * @param maxEpochs its epoch cap
   * @param complete whether it is done; else it goes on with epoch {@code epochs + 1} (1-based)
   */
  default void onRestored(String subject, int epochs, int maxEpochs, boolean complete) {
    onMessage(subject + " restored from its checkpoint (" + epochs + " epochs)");
  }
}
