package io.isacemu.data;

import java.util.Objects;

/**
 * A dataset without its features: what a service that only needs ids, labels and layouts (the BS)
 * holds. Its fingerprint equals that of the full {@link MultimodalDataset} of the same data.
 *
 * @param name human-readable name, as the full dataset's
 * @param train training split
 * @param valid validation split
 * @param test test split
 * @param fingerprint hex SHA-256 ({@link DatasetFingerprint})
 * @param report what loading found, as the full load reports it
 */
public record DatasetSummary(
    String name, SplitSummary train, SplitSummary valid, SplitSummary test, String fingerprint, LoadReport report) {

  public DatasetSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(valid, "valid");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(report, "report");
  }

  /** A summary whose fingerprint is computed from the splits. */
  public static DatasetSummary of(
      String name, SplitSummary train, SplitSummary valid, SplitSummary test, LoadReport report) {
    return new DatasetSummary(name, train, valid, test, DatasetFingerprint.of(train, valid, test), report);
  }

  /** The summary of a loaded dataset (digests its features again). */
  public static DatasetSummary of(MultimodalDataset d) {
    return of(d.name(), SplitSummary.of(d.train()), SplitSummary.of(d.valid()), SplitSummary.of(d.test()), d.report());
  }
}
