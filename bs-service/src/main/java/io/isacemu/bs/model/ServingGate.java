package io.isacemu.bs.model;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.GateFeatures;

/**
 * A gate as the task engine sees it: what it reads and its choice per sample. A bundle's main gate
 * is its {@link ServingModel} itself; a bundle may carry a second, FULL-input gate ({@link
 * ServingModel#fullGate()}).
 */
public interface ServingGate {

  /** Modalities the gate reads. */
  ModalitySet gateInputs();

  /** Length of the gate's network-state vector: 0 or {@code io.isacemu.learning.NetworkState.DIM}. */
  int networkStateDim();

  /** Analytic FLOPs of the gate per sample, ≥ 0. */
  long gateFlops();

  /** The gate's choice per sample (the split must carry the gate inputs). */
  int[] choose(MultimodalSplit split, GateFeatures features);
}
