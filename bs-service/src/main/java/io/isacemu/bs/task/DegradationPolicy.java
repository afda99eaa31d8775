package io.isacemu.bs.task;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which expert serves a sample whose chosen expert lacks a modality (device lost, deadline missed,
 * no device): the one whose modality set is a subset of those at hand with the most modalities
 * (lowest index on ties). With no such expert the sample is unserved. Stateless.
 */
final class DegradationPolicy {

  private DegradationPolicy() {}

  /** The expert over a subset of {@code avail} with the most modalities (lowest index on ties); -1 if none. */
  static int largestWithin(List<ModalitySet> experts, Set<Modality> avail) {
    int best = -1;
    for (int e = 0; e < experts.size(); e++) {
      if (avail.containsAll(experts.get(e).asEnumSet())
          && (best < 0 || experts.get(e).size() > experts.get(best).size())) {
        best = e;
      }
    }
    return best;
  }

  /**
   * Per sample the expert that runs: the intended one ({@code intended[i]}, -1 = none) when its inputs
   * are held, else the largest usable one; -1 = unserved.
   */
  static int[] runnable(SampleInputs inputs, List<String> ids, int[] intended) {
    int[] run = new int[ids.size()];
    for (int i = 0; i < run.length; i++) {
      run[i] = intended[i] >= 0 && inputs.usable(ids.get(i), intended[i]) ? intended[i] : inputs.bestUsable(ids.get(i));
    }
    return run;
  }

  /**
   * After LOCAL: a sample that must fall back, whose fallback expert's modalities are held only as
   * vectors encoded for another expert (e.g. A and T encoded for V+A+T, then the video device is
   * lost), needs those modalities raw in one more OFFLOAD round, or the fallback could not run and
   * the sample would be unserved although its devices are live. Returns them per modality.
   */
  static Map<Modality, List<String>> rawForFallback(List<ModalitySet> experts, SampleInputs inputs, List<String> ids,
      int[] intended) {
    Map<Modality, List<String>> raw = new EnumMap<>(Modality.class);
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (intended[i] >= 0 && inputs.usable(id, intended[i])) {
        continue;
      }
      int fallback = largestWithin(experts, inputs.delivered(id));
      if (fallback >= 0 && !inputs.usable(id, fallback)) {
        for (Modality m : experts.get(fallback).modalities()) {
          if (!inputs.hasRaw(m, id)) {
            raw.computeIfAbsent(m, k -> new ArrayList<>()).add(id);
          }
        }
      }
    }
    return raw;
  }
}
