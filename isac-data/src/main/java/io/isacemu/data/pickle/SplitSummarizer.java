package io.isacemu.data.pickle;

import static io.isacemu.data.pickle.PickleArrays.toFloats;
import static io.isacemu.data.pickle.PickleArrays.transposeLast;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.FeatureDigest;
import io.isacemu.data.FeatureSummary;
import io.isacemu.data.SplitSummary;
import io.isacemu.data.pickle.PickleDatasetReader.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The labels-only counterpart of {@link SplitReader#read}: the same checks ({@link
 * SplitReader#parse}), then per modality the layout and feature digest instead of the features,
 * with the same samples dropped, so the {@link SplitSummary} gives the fingerprint the full read
 * gives. Feature arrays arrive already digested ({@link NdArray.DigestData}); the few arrays a
 * labels-only read still stores (see {@link SafeUnpickler#isFeatureArray}) are digested here.
 */
final class SplitSummarizer {

  private SplitSummarizer() {}

  /** Per-row digests and all-zero flags of one modality. */
  private record Rows(byte[] digests, boolean[] allZero) {}

  static SplitSummary summarize(
      String split,
      Map<?, ?> d,
      Layout layout,
      ReadOptions options,
      DirtCounts counts,
      Map<Modality, int[]> firstLayout) {
    return of(split, SplitReader.parse(split, d, layout, options, counts, firstLayout), options, counts);
  }

  /** The summary of an already parsed split {@code p} (its arrays digested or decoded, in any mix). */
  static SplitSummary of(String split, SplitReader.Parsed p, ReadOptions options, DirtCounts counts) {
    int n = p.n();
    EnumMap<Modality, Rows> rows = new EnumMap<>(Modality.class);
    for (Modality m : p.arrays().keySet()) {
      rows.put(m, rows(p, m, split));
    }
    boolean[] keep = new boolean[n];
    Arrays.fill(keep, true);
    int kept = n;
    if (options.dropAllZeroText()) {
      boolean[] zero = rows.get(Modality.TEXT).allZero();
      for (int i = 0; i < n; i++) {
        if (zero[i]) {
          keep[i] = false;
          kept--;
        }
      }
      counts.droppedAllZeroText += n - kept;
    }
    Map<Modality, FeatureSummary> features = new EnumMap<>(Modality.class);
    HexFormat hex = HexFormat.of();
    for (Map.Entry<Modality, Rows> e : rows.entrySet()) {
      int[] td = p.dims().get(e.getKey());
      features.put(e.getKey(),
          new FeatureSummary(td[0], td[1], hex.formatHex(FeatureDigest.combine(e.getValue().digests(), keep))));
    }
    List<Float> labels = new ArrayList<>(kept);
    List<String> ids = new ArrayList<>(kept);
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        labels.add(p.labels()[i]);
        ids.add(p.ids()[i]);
      }
    }
    return new SplitSummary(features, labels, ids);
  }

  private static Rows rows(SplitReader.Parsed p, Modality m, String split) {
    NdArray a = p.arrays().get(m);
    if (a.data instanceof NdArray.DigestData dd) {
      if (!p.bert().contains(m)) {
        return new Rows(dd.sampleDigests(), dd.allZero());
      }
      byte[] t = dd.transposedDigests().orElseThrow(() -> new IllegalArgumentException(
          split + "." + m + ": shape " + a.shapeString() + " has no (N, T, 3) digest; expected [N, 3, T]"));
      return new Rows(t, dd.allZero());
    }
    int n = p.n();
    float[] f = toFloats(a, split + "." + m);
    if (p.bert().contains(m)) {
      f = transposeLast(f, n, a.shape[1], a.shape[2]);
    }
    int[] td = p.dims().get(m);
    int per = td[0] * td[1];
    FeatureDigest digest = new FeatureDigest(n, per);
    boolean[] zero = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean z = true;
      for (int k = i * per, end = k + per; k < end; k++) {
        digest.put(f[k]);
        z &= f[k] == 0f;
      }
      zero[i] = z;
    }
    return new Rows(digest.sampleDigests(), zero);
  }
}
