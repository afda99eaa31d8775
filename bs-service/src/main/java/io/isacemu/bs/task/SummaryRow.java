package io.isacemu.bs.task;

import java.util.Map;

/**
 * Aggregate of finished (DONE or DEGRADED) tasks for one gate mode and one expert ({@code "*"} =
 * every expert of the mode).
 *
 * @param mode gate mode label
 * @param expert expert name, or {@code *}
 * @param tasks tasks counted (for an expert row: tasks in which it served at least one sample)
 * @param samples served samples (for an expert row: those it served)
 * @param acc2 binary accuracy (negative vs non-negative, "has-zero" convention) of those samples, in [0, 1]
 * @param f1Weighted weighted binary F1 of those samples, in [0, 1]
 * @param meanLatencySeconds mean modelled task latency over the counted tasks, emulated s
 * @param p95LatencySeconds 95th percentile (nearest rank) of the same, emulated s
 * @param meanEnergyJ mean modelled task energy, J
 * @param meanBits mean modelled task bits
 * @param expertShares per expert its share of the served samples (the row's own expert only, for
 *     an expert row)
 */
public record SummaryRow(
    String mode,
    String expert,
    int tasks,
    int samples,
    double acc2,
    double f1Weighted,
    double meanLatencySeconds,
    double p95LatencySeconds,
    double meanEnergyJ,
    double meanBits,
    Map<String, Double> expertShares) {}
