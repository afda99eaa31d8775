package io.isacemu.learning;

import io.isacemu.core.validation.Check;
import java.util.Optional;

/**
 * The gates of a loaded bundle: the main gate (the cheap, on-demand one when the bundle has two) and,
 * when the bundle carries it, the FULL-input gate for the {@code full} mode. Each is a {@link
 * GatedModel} with its own copy of the experts. Owns both: close it.
 *
 * @param gate the main gate with the experts
 * @param fullGate the FULL-input gate with the experts; empty for a one-gate bundle
 * @param metadata the bundle's metadata (how the gate was chosen, the engine it was trained on)
 */
public record BundleGates(GatedModel gate, Optional<GatedModel> fullGate, BundleMetadata metadata)
    implements AutoCloseable {

  public BundleGates {
    Check.present("gate", gate);
    Check.present("fullGate", fullGate);
    Check.present("metadata", metadata);
  }

  @Override
  public void close() {
    try {
      gate.close();
    } finally {
      fullGate.ifPresent(GatedModel::close);
    }
  }
}
