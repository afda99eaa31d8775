package io.isacemu.learning;

import io.isacemu.learning.metrics.SentimentMetrics;
import java.util.List;

/**
 * What a {@link TrainingJob} produced: stage-I expert results and one gated model per λ. Owns the
 * gated models: close it (or close the models one by one).
 *
 * @param experts stage-I result per expert, declaration order
 * @param gated one stage-II run per λ of the configured gate, in the order of the configured λ list
 * @param fullGated with {@link LearningConfig#alsoFullGate()}: one FULL-gate run per λ, same order;
 *     else empty
 */
public record TrainingResult(List<ExpertResult> experts, List<GateRun> gated, List<GateRun> fullGated)
    implements AutoCloseable {

  public TrainingResult {
    experts = List.copyOf(experts);
    gated = List.copyOf(gated);
    fullGated = List.copyOf(fullGated);
  }

  /** A result without FULL gates beside the configured one. */
  public TrainingResult(List<ExpertResult> experts, List<GateRun> gated) {
    this(experts, gated, List.of());
  }

  /**
   * Stage-I result of one expert.
   *
   * @param name expert name, e.g. {@code V+A+T}
   * @param epochsRun epochs run before early stopping or the cap
   * @param validTaskLoss best validation task loss
   * @param validMetrics validation metrics of the kept checkpoint
   */
  public record ExpertResult(String name, int epochsRun, double validTaskLoss, SentimentMetrics validMetrics) {}

  /**
   * Stage-II result for one λ.
   *
   * @param lambda the cost weight
   * @param model the trained gate and experts (kept checkpoint)
   * @param epochsRun epochs run
   * @param valid validation evaluation of the kept checkpoint
   */
  public record GateRun(double lambda, GatedModel model, int epochsRun, GatedEvaluation valid) {}

  @Override
  public void close() {
    for (GateRun r : gated) {
      r.model().close();
    }
    for (GateRun r : fullGated) {
      r.model().close();
    }
  }
}
