package io.isacemu.core.cost;

import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;

/**
 * The modelled cost of one device's path for one sample: sense, then upload raw data and encode at
 * the MEC (offload), or encode locally and upload the result (local).
 *
 * @param deviceId the device
 * @param modality its modality
 * @param units {@code b_k}
 * @param mode where it encodes
 * @param rateBps {@code R_k}, eq. (5), bit/s
 * @param bitsSent {@code A_k} (raw {@code n_k} or the encoder result), bits
 * @param commSeconds {@code T^comm_k = A_k / R_k}, eq. (6), s
 * @param localComputeSeconds on-device encoding time (0 when offloading), s
 * @param mecEncodeSeconds MEC encoding time (0 when local), s
 * @param txEnergyJ {@code P_k T^comm_k}, J
 * @param computeEnergyJ {@code κ f² cycles} on the device (0 when offloading), J
 * @param sensingEnergyJ sensing power × {@code T^s}, J
 */
public record DevicePathCost(
    String deviceId,
    Modality modality,
    int units,
    ProcessingMode mode,
    double rateBps,
    double bitsSent,
    double commSeconds,
    double localComputeSeconds,
    double mecEncodeSeconds,
    double txEnergyJ,
    double computeEnergyJ,
    double sensingEnergyJ) {

  /** Time after sensing until the MEC holds this modality's encoding, s. */
  public double pathSeconds() {
    return localComputeSeconds + commSeconds + mecEncodeSeconds;
  }

  /** Device energy for this sample, J. */
  public double energyJ() {
    return txEnergyJ + computeEnergyJ + sensingEnergyJ;
  }
}
