package io.isacemu.learning;

/** The task term {@code L_task} of the loss. */
public enum TaskLoss {
  /** Mean absolute error on the sentiment score in [−3, 3] (as in the MulT reference). */
  L1,
  /**
   * Binary cross-entropy on {@code label ≥ 0}; model outputs are then logits and the regression
   * metrics (MAE, Acc-7, correlation) are computed on logits and are not meaningful.
   */
  BCE
}
