package io.isacemu.data.pickle;

import static io.isacemu.data.pickle.PickleArrays.toFloats;
import static io.isacemu.data.pickle.PickleArrays.transposeLast;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.DatasetFingerprint;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.SplitSummary;
import io.isacemu.data.pickle.PickleDatasetReader.Layout;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * {@link PickleDatasetReader#readModality}: each split parsed once ({@link SplitReader#parse}); its
 * summary ({@link SplitSummarizer#of}) gives the dropped samples and the whole dataset's
 * fingerprint, and the kept modality's decoded array becomes a one-modality split.
 */
final class ModalityReader {

  private ModalityReader() {}

  static MultimodalDataset fromPickle(Object root, String name, ReadOptions options, Modality keep) {
    DirtCounts counts = new DirtCounts();
    SplitSummary[] summaries = new SplitSummary[3];
    ArraySplit[] splits = new ArraySplit[3];
    Layout layout = PickleDatasetReader.eachSplit(root, name, options, (s, split, l, firstLayout) -> {
      String where = PickleDatasetReader.SPLITS[s];
      SplitReader.Parsed p = SplitReader.parse(where, split, l, options, counts, firstLayout);
      summaries[s] = SplitSummarizer.of(where, p, options, counts);
      splits[s] = only(where, p, summaries[s], keep);
    });
    return new MultimodalDataset(name + " (" + layout + ")", splits[0], splits[1], splits[2],
        DatasetFingerprint.of(summaries[0], summaries[1], summaries[2]), counts.report());
  }

  /** Modality {@code m} of {@code p}, with the samples its summary kept (in order). */
  private static ArraySplit only(String split, SplitReader.Parsed p, SplitSummary summary, Modality m) {
    NdArray a = p.arrays().get(m);
    if (a.data instanceof NdArray.DigestData) {
      throw new IllegalStateException(split + "." + m + ": the file's layout does not show which key the array"
          + " is stored under, so it was not kept; read the whole file instead");
    }
    int n = p.n();
    float[] f = toFloats(a, split + "." + m);
    if (p.bert().contains(m)) {
      f = transposeLast(f, n, a.shape[1], a.shape[2]);
    }
    int[] td = p.dims().get(m);
    int per = td[0] * td[1];
    // the kept ids are a subsequence of the split's (ids are distinct within a split)
    List<String> kept = summary.ids();
    int w = 0;
    for (int i = 0; i < n && w < kept.size(); i++) {
      if (p.ids()[i].equals(kept.get(w))) {
        if (w != i) {
          System.arraycopy(f, i * per, f, w * per, per);
        }
        w++;
      }
    }
    float[] labels = new float[w];
    for (int i = 0; i < w; i++) {
      labels[i] = summary.labels().get(i);
    }
    return ArraySplit.builder(w).modality(m, td[0], td[1], FloatBuffer.wrap(f, 0, w * per)).labels(labels)
        .ids(kept.toArray(String[]::new)).build();
  }
}
