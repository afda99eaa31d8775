package io.isacemu.core.cost;

import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.validation.Check;

/**
 * The scheduler's decision for one contributing device.
 *
 * @param units {@code b_k}, ≥ 1 (a contributing device is selected, {@code a_k = 1})
 * @param mode local processing or offloading
 */
public record DevicePlan(int units, ProcessingMode mode) {

  public DevicePlan {
    Check.positive("units", units);
    Check.present("mode", mode);
  }
}
