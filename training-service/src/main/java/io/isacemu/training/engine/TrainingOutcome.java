package io.isacemu.training.engine;

import io.isacemu.learning.deploy.DeploymentSummary;
import java.util.List;
import java.util.Optional;

/**
 * What a successful run returns. The bundle's files are in the {@code bundleDir} the engine was
 * handed; the service gives the bundle its version when it publishes it.
 *
 * @param rows results table, one row per expert then one per λ; at least one
 * @param datasetFingerprint identifies the exact data trained on (e.g. a SHA-256 of the splits, or
 *     of the seed and sizes for synthetic data); not blank
 * @param deployment how the published gate was chosen (rule, chosen λ, validation frontier);
 *     empty when the engine does not choose among λ runs
 */
public record TrainingOutcome(List<ResultRow> rows, String datasetFingerprint, Optional<DeploymentSummary> deployment) {

  /** An outcome without a deployment record. */
  public TrainingOutcome(List<ResultRow> rows, String datasetFingerprint) {
    this(rows, datasetFingerprint, Optional.empty());
  }

  public TrainingOutcome {
    if (deployment == null) {
      throw new IllegalArgumentException("deployment: is required (was null; use Optional.empty())");
    }
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("rows: [] must hold at least one result row");
    }
    if (datasetFingerprint == null || datasetFingerprint.isBlank()) {
      throw new IllegalArgumentException(
          "datasetFingerprint: '" + datasetFingerprint + "' must not be blank");
    }
  }
}
