package io.isacemu.bs.task;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.ExpertInput;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one task holds per sample so far: raw features per modality, and vectors devices encoded
 * with one expert's encoder (LOCAL). A vector encoded for one expert is never given to another.
 * Not thread-safe: one per task run.
 */
final class SampleInputs {

  /** A vector a device encoded with expert {@code expert}'s encoder. */
  private record Local(int expert, float[] values) {}

  private final DatasetCatalog catalog;
  private final List<ModalitySet> experts;
  private final Map<Modality, Map<String, float[]>> raw = new EnumMap<>(Modality.class);
  private final Map<Modality, Map<String, Local>> encoded = new EnumMap<>(Modality.class);

  /** @param experts the bundle's experts in gate-output order */
  SampleInputs(DatasetCatalog catalog, List<ModalitySet> experts) {
    this.catalog = catalog;
    this.experts = experts;
  }

  /** Adds what a fetch round delivered. */
  void add(Fetcher.Round r) {
    r.features().forEach((m, f) -> raw.computeIfAbsent(m, k -> new HashMap<>()).putAll(f));
    r.encoded().forEach((m, e) -> {
      Map<String, Local> byId = encoded.computeIfAbsent(m, k -> new HashMap<>());
      e.vectors().forEach((id, v) -> byId.put(id, new Local(e.expert(), v)));
    });
  }

  /** The modalities held raw for {@code id}. */
  Set<Modality> rawModalities(String id) {
    Set<Modality> out = EnumSet.noneOf(Modality.class);
    raw.forEach((m, f) -> {
      if (f.containsKey(id)) {
        out.add(m);
      }
    });
    return out;
  }

  /** The modalities held for {@code id} in any form, raw or encoded for some expert. */
  Set<Modality> delivered(String id) {
    Set<Modality> out = rawModalities(id);
    encoded.forEach((m, e) -> {
      if (e.containsKey(id)) {
        out.add(m);
      }
    });
    return out;
  }

  /** Whether modality {@code m} of {@code id} is held raw. */
  boolean hasRaw(Modality m, String id) {
    return raw.getOrDefault(m, Map.of()).containsKey(id);
  }

  /** Whether any device delivered an encoded vector. */
  boolean anyEncoded() {
    return !encoded.isEmpty();
  }

  /** The vector encoded on a device for {@code id}'s modality {@code m} by expert {@code expert}'s encoder, if any. */
  Optional<float[]> encodedFor(String id, Modality m, int expert) {
    Local l = encoded.getOrDefault(m, Map.of()).get(id);
    return l != null && l.expert() == expert ? Optional.of(l.values()) : Optional.empty();
  }

  /** Whether expert {@code e} can run on {@code id}: each modality raw, or encoded by e's own encoder. */
  boolean usable(String id, int e) {
    for (Modality m : experts.get(e).modalities()) {
      if (!hasRaw(m, id) && encodedFor(id, m, e).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The usable expert with the most modalities (lowest index on ties); -1 if none. */
  int bestUsable(String id) {
    int best = -1;
    for (int e = 0; e < experts.size(); e++) {
      if (usable(id, e) && (best < 0 || experts.get(e).size() > experts.get(best).size())) {
        best = e;
      }
    }
    return best;
  }

  /** Expert {@code e}'s inputs for {@code id}: the device's vector where there is one (its encoder already ran), else raw. */
  Map<Modality, ExpertInput> inputs(String id, int e) {
    Map<Modality, ExpertInput> in = new EnumMap<>(Modality.class);
    for (Modality m : experts.get(e).modalities()) {
      Optional<float[]> enc = encodedFor(id, m, e);
      in.put(m, enc.isPresent() ? new ExpertInput.Encoded(enc.get()) : new ExpertInput.Raw(raw.getOrDefault(m, Map.of()).get(id)));
    }
    return in;
  }

  /** A split over {@code sampleIds} with the given modalities, raw {@code [n, T_m, d_m]} (zeros where a sample lacks one). */
  MultimodalSplit split(List<String> sampleIds, List<Modality> modalities) {
    int n = sampleIds.size();
    ArraySplit.Builder b = ArraySplit.builder(n);
    for (Modality m : modalities) {
      int t = catalog.sequenceLength(m).orElseThrow();
      int d = catalog.featureDim(m).orElseThrow();
      float[] data = new float[n * t * d];
      Map<String, float[]> f = raw.getOrDefault(m, Map.of());
      for (int i = 0; i < n; i++) {
        float[] x = f.get(sampleIds.get(i));
        if (x != null) {
          System.arraycopy(x, 0, data, i * t * d, t * d);
        }
      }
      b.modality(m, t, d, data);
    }
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = catalog.label(sampleIds.get(i)).orElseThrow();
    }
    return b.labels(labels).ids(sampleIds.toArray(new String[0])).build();
  }
}
