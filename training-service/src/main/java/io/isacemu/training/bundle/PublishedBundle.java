package io.isacemu.training.bundle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A complete, verified bundle archive: visible to readers only once fully written and hashed.
 *
 * @param version identifier, 1..128 characters of {@code [A-Za-z0-9._-]}; sortable (UTC timestamp
 *     then job id), so lexical order equals creation order for bundles of one service
 * @param createdAt instant the archive was completed
 * @param sizeBytes archive size, bytes, ≥ 1
 * @param sha256Hex SHA-256 of the archive, 64 lowercase hex characters
 * @param preset training preset that produced it
 * @param expertNames experts in gate-logit order (index i = gate output i)
 * @param metadataJson free-form metadata as a JSON object (job id, dataset fingerprint, results)
 * @param archive the {@code <version>.zip} file
 */
public record PublishedBundle(
    String version,
    Instant createdAt,
    long sizeBytes,
    String sha256Hex,
    String preset,
    List<String> expertNames,
    String metadataJson,
    Path archive) {

  public PublishedBundle {
    BundleVersions.requireValid(version);
    expertNames = List.copyOf(expertNames);
  }
}
