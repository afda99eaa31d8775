package io.isacemu.learning;

import io.isacemu.learning.metrics.RoutingStats;
import io.isacemu.learning.metrics.SentimentMetrics;
import java.util.Optional;

/**
 * Progress of one epoch.
 *
 * @param stage {@code EXPERTS} (stage I) or {@code GATE} (stage II)
 * @param model expert name (stage I) or {@code gate} (stage II)
 * @param lambda the cost weight λ of this stage-II run; 0 in stage I
 * @param epoch 0-based epoch index
 * @param maxEpochs the epoch cap of this run
 * @param tau Gumbel-softmax temperature of this epoch (stage II); NaN in stage I
 * @param trainLoss mean training loss (task + λ·cost) over the epoch's batches
 * @param trainTaskLoss mean training task loss
 * @param validTaskLoss validation task loss (stage II: of hard-routed predictions)
 * @param validObjective validation early-stopping objective (stage I: task loss; stage II: task
 *     loss + λ · expected normalised cost)
 * @param validMetrics validation sentiment metrics
 * @param validRouting validation routing statistics (stage II only)
 * @param samplesPerSecond training throughput of the epoch, samples/s
 * @param etaSeconds estimated seconds until the whole job ends if every run used its epoch cap
 * @param improved whether the validation objective improved (the checkpoint was kept)
 */
public record EpochReport(
    Stage stage,
    String model,
    double lambda,
    int epoch,
    int maxEpochs,
    double tau,
    double trainLoss,
    double trainTaskLoss,
    double validTaskLoss,
    double validObjective,
    SentimentMetrics validMetrics,
    Optional<RoutingStats> validRouting,
    double samplesPerSecond,
    double etaSeconds,
    boolean improved) {

  /** Training stage. */
  public enum Stage {
    /** Stage I: each expert alone. */
    EXPERTS,
    /** Stage II: the gate (experts frozen or fine-tuned). */
    GATE
  }
}
