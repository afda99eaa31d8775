package io.isacemu.learning.frontier;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;

/**
 * The evidence groups a dataset knows ({@link MultimodalSplit#evidence}): the synthetic generator
 * records each sample's group from its own seeded draw ({@code T}, {@code V+A} or {@code V+A+T}).
 */
public final class EvidenceGroups {

  private EvidenceGroups() {}

  /**
   * Per sample whether text alone decides it (its evidence is exactly {@code T}).
   *
   * @throws IllegalArgumentException naming the first sample without a known group (real data)
   */
  public static boolean[] textDecisive(MultimodalSplit split) {
    ModalitySet text = ModalitySet.of(Modality.TEXT);
    boolean[] out = new boolean[split.size()];
    for (int i = 0; i < out.length; i++) {
      final int k = i;
      ModalitySet e = split.evidence(i).orElseThrow(() -> new IllegalArgumentException(
          "split: sample " + k + " (" + split.id(k) + ") has no known evidence group; the oracle needs synthetic data"));
      out[i] = e.equals(text);
    }
    return out;
  }
}
