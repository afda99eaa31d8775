package io.isacemu.bs.model;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.ExpertInput;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.deploy.DeploymentSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate and experts the BS serves, as the task engine sees them; the model is itself its main
 * gate (the cheap one, for {@code on-demand}) and may carry a FULL-input gate for {@code full}.
 * Implementations serialise inference (the DJL model is not thread-safe).
 */
public interface ServingModel extends ServingGate, AutoCloseable {

  /** Bundle version. */
  String version();

  /** Expert modality sets in gate-output order. */
  List<ModalitySet> experts();

  /** Analytic FLOPs of expert {@code i} per sample, ≥ 0. */
  long expertFlops(int i);

  /** Runs expert {@code choice[i]} on sample i; returns per sample its output. */
  float[] route(MultimodalSplit split, int[] choice);

  /**
   * The FULL-input gate trained beside the main gate (same experts), for the {@code full} mode; empty
   * for a one-gate bundle (then every mode uses the main gate).
   */
  default Optional<ServingGate> fullGate() {
    return Optional.empty();
  }

  /**
   * The rule the served gate was chosen by, {@code DeployRule.wire()} form (e.g. {@code costBudget
   * energy 0.05}); bundles written before deploy rules read as {@code byLambda <their λ>}. Empty for
   * a model not read from a bundle.
   */
  default Optional<String> deployRule() {
    return Optional.empty();
  }

  /** The chosen λ, whether the rule was met, and the validation frontier, when the bundle recorded them. */
  default Optional<DeploymentSummary> deployment() {
    return Optional.empty();
  }

  /** Index of the expert over exactly {@code set}; -1 when the bundle has none. */
  default int indexOf(ModalitySet set) {
    return experts().indexOf(set);
  }

  /**
   * Whether this model can split its experts for LOCAL processing ({@link #encoderFlops}, {@link
   * #encodedWidth}, {@link #predictMixed} work); false by default.
   */
  default boolean localCapable() {
    return false;
  }

  /** Analytic FLOPs per sample of expert {@code expert}'s encoder for {@code m}, ≥ 1 (local capable only). */
  default long encoderFlops(int expert, Modality m) {
    throw new UnsupportedOperationException("model " + version() + " cannot split its experts");
  }

  /** Width {@code d_model} of expert {@code expert}'s encoder for {@code m} (local capable only). */
  default int encodedWidth(int expert, Modality m) {
    throw new UnsupportedOperationException("model " + version() + " cannot split its experts");
  }

  /**
   * Runs expert {@code expert} on samples whose inputs are, per modality, raw features or vectors
   * encoded on the device by that expert's encoder (local capable only); same outputs as {@link
   * #route} on raw features.
   */
  default float[] predictMixed(int expert, List<Map<Modality, ExpertInput>> samples) {
    throw new UnsupportedOperationException("model " + version() + " cannot split its experts");
  }

  @Override
  void close();
}
