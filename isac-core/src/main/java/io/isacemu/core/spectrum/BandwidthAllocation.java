package io.isacemu.core.spectrum;

import io.isacemu.core.validation.Check;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Integer bandwidth allocation over devices — eqs. (3)–(4).
 *
 * <pre>
 *   (3)  B_k = b_k · B_min,  b_k ∈ ℤ, b_k ≥ 0,  a_k = 1 ⇔ b_k > 0
 *   (4)  Σ_k b_k · B_min ≤ B          (equivalently Σ_k b_k ≤ U)
 * </pre>
 *
 * @param spectrum the band
 * @param unitsByDevice {@code b_k} per device id (insertion order kept), every value ≥ 0
 */
public record BandwidthAllocation(Spectrum spectrum, Map<String, Integer> unitsByDevice) {

  public BandwidthAllocation {
    Check.present("spectrum", spectrum);
    Check.present("unitsByDevice", unitsByDevice);
    long sum = 0;
    for (Map.Entry<String, Integer> e : unitsByDevice.entrySet()) {
      Check.present("unitsByDevice key", e.getKey());
      Check.present("unitsByDevice[" + e.getKey() + "]", e.getValue());
      Check.nonNegative("unitsByDevice[" + e.getKey() + "]", e.getValue());
      sum += e.getValue();
    }
    if (sum > spectrum.totalUnits()) {
      throw new IllegalArgumentException(
          "unitsByDevice: total " + sum + " units exceeds U = " + spectrum.totalUnits()
              + " (eq. 4: sum b_k B_min <= B)");
    }
    unitsByDevice = Collections.unmodifiableMap(new LinkedHashMap<>(unitsByDevice));
  }

  /** {@code b_k}; 0 for a device not in the allocation. */
  public int units(String deviceId) {
    return unitsByDevice.getOrDefault(deviceId, 0);
  }

  /** {@code a_k = 1 ⇔ b_k > 0} (eq. 3). */
  public boolean selected(String deviceId) {
    return units(deviceId) > 0;
  }

  /** {@code B_k = b_k B_min}, Hz. */
  public double bandwidthHz(String deviceId) {
    return spectrum.bandwidthHz(units(deviceId));
  }

  /** {@code Σ_k b_k}. */
  public int unitsUsed() {
    return unitsByDevice.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@code U − Σ_k b_k}, the units left for other tasks. */
  public int unitsFree() {
    return spectrum.totalUnits() - unitsUsed();
  }
}
