package io.isacemu.core.cost;

import io.isacemu.core.modality.ModalitySet;
import java.util.List;

/**
 * The modelled cost of serving one sample with expert {@code E_i}: the {@code C(E_i)} of the
 * training loss.
 *
 * <pre>
 *   latency = T^s + max_{k ∈ S_i} (T^loc_k + T^comm_k + T^mec-enc_k) + T^mec-head
 *   energy  = Σ_{k ∈ S_i} (P_k T^comm_k + κ f_k² cycles_k + P^sense_k T^s)
 *   bits    = Σ_{k ∈ S_i} A_k
 *   FLOPs   = Σ_{k ∈ S_i} encoder FLOPs + head FLOPs
 * </pre>
 *
 * @param expert expert name
 * @param modalities {@code S_i}
 * @param sensingSeconds {@code T^s}, s
 * @param commSeconds upload time on the critical (slowest) device path, s
 * @param computeSeconds encoding on the critical path plus the MEC head, s
 * @param latencySeconds end-to-end: sensing + comm + compute, s
 * @param energyJ device energy summed over contributing devices, J
 * @param bits bits over the air, summed
 * @param flops FLOPs, summed over encoders and the head
 * @param devices per-device breakdown in modality order
 */
public record ExpertCost(
    String expert,
    ModalitySet modalities,
    double sensingSeconds,
    double commSeconds,
    double computeSeconds,
    double latencySeconds,
    double energyJ,
    double bits,
    double flops,
    List<DevicePathCost> devices) {

  public ExpertCost {
    devices = List.copyOf(devices);
  }

  /** The value of one metric. */
  public double value(CostMetric metric) {
    return switch (metric) {
      case LATENCY -> latencySeconds;
      case ENERGY -> energyJ;
      case BITS -> bits;
      case FLOPS -> flops;
    };
  }
}
