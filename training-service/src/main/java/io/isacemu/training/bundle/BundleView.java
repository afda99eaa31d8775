package io.isacemu.training.bundle;

import java.time.Instant;
import java.util.List;

/**
 * A published bundle as listed over REST.
 *
 * @param version bundle version
 * @param created completion instant, UTC
 * @param sizeBytes archive size, bytes
 * @param sha256 SHA-256 of the archive, lowercase hex
 * @param preset training preset
 * @param experts experts in gate-logit order
 */
public record BundleView(
    String version, Instant created, long sizeBytes, String sha256, String preset, List<String> experts) {

  static BundleView of(PublishedBundle b) {
    return new BundleView(
        b.version(), b.createdAt(), b.sizeBytes(), b.sha256Hex(), b.preset(), b.expertNames());
  }
}
