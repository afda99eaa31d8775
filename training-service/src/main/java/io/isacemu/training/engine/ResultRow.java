package io.isacemu.training.engine;

import io.isacemu.core.validation.Check;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the results table (Table I of the reference work): an expert alone, or dynamic fusion
 * at one λ, evaluated on the test split.
 *
 * @param name row label, e.g. {@code V}, {@code V+A+T}, {@code dynamic fusion λ=0.1}; not blank
 * @param lambda the λ of a dynamic-fusion row; empty for a single expert
 * @param acc2HasZero binary accuracy, zero labels counted as non-negative, in [0, 1]
 * @param acc2NonZero binary accuracy over samples with non-zero label, in [0, 1]
 * @param f1 binary F1 score (non-zero protocol), in [0, 1]
 * @param acc7 seven-class accuracy (label rounded to −3..3), in [0, 1]
 * @param mae mean absolute error of the sentiment score, ≥ 0
 * @param corr Pearson correlation of predicted and true score, in [−1, 1]
 * @param expectedLatencySeconds mean end-to-end latency per sample, s, ≥ 0
 * @param expectedEnergyJ mean device energy per sample, J, ≥ 0
 * @param expectedBits mean bits sent over the air per sample, ≥ 0
 * @param expectedFlops mean floating-point operations per sample, ≥ 0
 * @param expertShares fraction of test samples routed to each expert (by name), each in [0, 1];
 *     a single-expert row has {@code {name: 1.0}}
 */
public record ResultRow(
    String name,
    Optional<Double> lambda,
    double acc2HasZero,
    double acc2NonZero,
    double f1,
    double acc7,
    double mae,
    double corr,
    double expectedLatencySeconds,
    double expectedEnergyJ,
    double expectedBits,
    double expectedFlops,
    Map<String, Double> expertShares) {

  public ResultRow {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: '" + name + "' must not be blank");
    }
    lambda = Check.present("lambda", lambda);
    lambda.ifPresent(l -> Check.nonNegative("lambda", l));
    Check.inRange("acc2HasZero", acc2HasZero, 0, 1);
    Check.inRange("acc2NonZero", acc2NonZero, 0, 1);
    Check.inRange("f1", f1, 0, 1);
    Check.inRange("acc7", acc7, 0, 1);
    Check.nonNegative("mae", mae);
    Check.inRange("corr", corr, -1, 1);
    Check.nonNegative("expectedLatencySeconds", expectedLatencySeconds);
    Check.nonNegative("expectedEnergyJ", expectedEnergyJ);
    Check.nonNegative("expectedBits", expectedBits);
    Check.nonNegative("expectedFlops", expectedFlops);
    expertShares = Map.copyOf(Check.present("expertShares", expertShares));
    expertShares.forEach((k, v) -> Check.inRange("expertShares[" + k + "]", v, 0, 1));
  }
}
