package io.isacemu.data;

import java.util.Objects;

/**
 * A multimodal dataset: three splits plus what loading it found and did.
 *
 * @param name human-readable name, e.g. {@code synthetic(seed=7)} or a file name
 * @param train training split
 * @param valid validation split
 * @param test test split
 * @param fingerprint hex SHA-256 over the dataset's contents; equal data ⇒ equal fingerprint
 * @param report what loading found (non-finite values replaced, samples dropped), never null
 */
public record MultimodalDataset(
    String name,
    MultimodalSplit train,
    MultimodalSplit valid,
    MultimodalSplit test,
    String fingerprint,
    LoadReport report) {

  public MultimodalDataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(valid, "valid");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(report, "report");
  }

  /** A dataset whose fingerprint is computed from the splits ({@link DatasetFingerprint}). */
  public static MultimodalDataset of(
      String name,
      MultimodalSplit train,
      MultimodalSplit valid,
      MultimodalSplit test,
      LoadReport report) {
    return new MultimodalDataset(
        name, train, valid, test, DatasetFingerprint.of(train, valid, test), report);
  }
}
