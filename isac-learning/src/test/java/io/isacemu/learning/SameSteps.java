package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import java.util.EnumMap;
import java.util.Map;

/** Test helper: aligned data, every modality of {@code dims} with the same {@code T}. */
public final class SameSteps {

  private SameSteps() {}

  public static Map<Modality, Integer> of(Map<Modality, Integer> dims, int t) {
    Map<Modality, Integer> out = new EnumMap<>(Modality.class);
    dims.keySet().forEach(m -> out.put(m, t));
    return out;
  }
}
