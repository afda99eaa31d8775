package io.isacemu.core.compute;

/** Binary offloading: where a device's modality is encoded. */
public enum ProcessingMode {
  /** Send the raw sensed data {@code n_k = m_k T^s_k}; the MEC server runs the encoder. */
  OFFLOAD,
  /** Run the encoder on the device; send only its (much smaller) result. */
  LOCAL
}
