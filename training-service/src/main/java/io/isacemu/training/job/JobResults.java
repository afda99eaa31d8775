package io.isacemu.training.job;

import io.isacemu.training.engine.ResultRow;
import java.util.List;

/**
 * The results table of a SUCCEEDED job.
 *
 * @param jobId job id
 * @param bundleVersion version of the bundle the job published
 * @param datasetFingerprint identifies the data trained on
 * @param rows one row per expert, then one per λ
 */
public record JobResults(long jobId, String bundleVersion, String datasetFingerprint, List<ResultRow> rows) {}
