package io.isacemu.learning;

/** Which inputs the gate sees. */
public enum GateInputMode {
  /** Every modality of the dataset. */
  FULL,
  /** A cheap modality subset (default text) plus a dense network-state vector. */
  ON_DEMAND
}
