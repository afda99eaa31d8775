package io.isacemu.training.job;

import io.isacemu.learning.deploy.DeploymentSummary;
import io.isacemu.training.engine.ResultRow;
import java.util.List;
import java.util.Optional;

/**
 * The results table of a SUCCEEDED job.
 *
 * @param jobId job id
 * @param bundleVersion version of the bundle the job published
 * @param datasetFingerprint identifies the data trained on
 * @param rows one row per expert, then one per λ
 * @param deployment the rule the published gate was chosen by, the chosen λ and the validation
 *     frontier; absent for jobs recorded before deploy rules
 */
public record JobResults(
    long jobId, String bundleVersion, String datasetFingerprint, List<ResultRow> rows,
    Optional<DeploymentSummary> deployment) {

  public JobResults {
    // records written before deploy rules have no such property: Jackson hands the creator a null
    deployment = deployment == null ? Optional.empty() : deployment;
  }

  /** Results without a deployment record. */
  public JobResults(long jobId, String bundleVersion, String datasetFingerprint, List<ResultRow> rows) {
    this(jobId, bundleVersion, datasetFingerprint, rows, Optional.empty());
  }
}
