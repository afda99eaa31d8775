package io.isacemu.learning;

import io.isacemu.learning.metrics.RoutingStats;
import io.isacemu.learning.metrics.SentimentMetrics;

/**
 * Quality and cost of gated inference on one split.
 *
 * @param metrics sentiment metrics of the routed predictions
 * @param routing usage shares and expected costs
 * @param taskLoss the task loss (L1 or BCE) of the routed predictions
 * @param objective {@code taskLoss + λ · expectedNormalisedCost}
 */
public record GatedEvaluation(SentimentMetrics metrics, RoutingStats routing, double taskLoss, double objective) {}
