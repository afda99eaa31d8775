package io.isacemu.data.pickle;

import static io.isacemu.data.pickle.PickleArrays.array;
import static io.isacemu.data.pickle.PickleArrays.toFloats;
import static io.isacemu.data.pickle.PickleArrays.transposeLast;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.pickle.PickleDatasetReader.Layout;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * Reads one split ({@code train}, {@code valid} or {@code test}) of a dataset pickle into an {@link
 * ArraySplit}: labels, the three modalities' (N, T, d) features, optional MMSA lengths and ids,
 * each checked against N, the expected dims and train's layout.
 */
final class SplitReader {

  private SplitReader() {}

  /** What {@link #parse} checked and found in one split's dict. */
  record Parsed(
      int n,
      float[] labels,
      String[] ids,
      EnumMap<Modality, NdArray> arrays,
      EnumMap<Modality, int[]> dims,
      EnumSet<Modality> bert) {}

  /**
   * Reads split {@code split} from its dict {@code d}, adding its replaced values to {@code counts}.
   *
   * @param firstLayout modality → {T, d} of the first split read; filled by the first call, checked
   *     by the later ones
   */
  static ArraySplit read(
      String split,
      Map<?, ?> d,
      Layout layout,
      ReadOptions options,
      DirtCounts counts,
      Map<Modality, int[]> firstLayout) {
    Parsed p = parse(split, d, layout, options, counts, firstLayout);
    int n = p.n();
    EnumMap<Modality, float[]> feats = new EnumMap<>(Modality.class);
    for (Modality m : p.arrays().keySet()) {
      NdArray a = p.arrays().get(m);
      float[] f = toFloats(a, split + "." + m);
      feats.put(m, p.bert().contains(m) ? transposeLast(f, n, a.shape[1], a.shape[2]) : f);
    }
    float[] labels = p.labels();
    String[] ids = p.ids();
    int kept = n;
    if (options.dropAllZeroText()) {
      kept = dropAllZeroText(feats, p.dims(), labels, ids, n);
      counts.droppedAllZeroText += n - kept;
    }
    ArraySplit.Builder b = ArraySplit.builder(kept);
    for (Map.Entry<Modality, float[]> e : feats.entrySet()) {
      int[] td = p.dims().get(e.getKey());
      b.modality(e.getKey(), td[0], td[1], FloatBuffer.wrap(e.getValue(), 0, kept * td[0] * td[1]));
    }
    return b.labels(kept == n ? labels : Arrays.copyOf(labels, kept))
        .ids(kept == n ? ids : Arrays.copyOf(ids, kept))
        .build();
  }

  /**
   * Checks split {@code split}'s dict {@code d} (keys, shapes, dims against the options and train,
   * label finiteness, MMSA lengths) and takes out its labels, ids and modality arrays (stored or,
   * in a labels-only read, digested); adds the replaced values to {@code counts}.
   */
  static Parsed parse(
      String split,
      Map<?, ?> d,
      Layout layout,
      ReadOptions options,
      DirtCounts counts,
      Map<Modality, int[]> firstLayout) {
    String labelKey = layout == Layout.MMSA ? "regression_labels" : "labels";
    NdArray labelsArr = array(d, split, labelKey);
    if (labelsArr.shape.length == 0 || labelsArr.elementCount() != labelsArr.shape[0]) {
      throw new IllegalArgumentException(
          split + "." + labelKey + ": shape " + labelsArr.shapeString() + " found, expected [N] or [N, 1, 1]");
    }
    int n = labelsArr.shape[0];
    float[] labels = toFloats(labelsArr, split + "." + labelKey);
    if (labelsArr.data instanceof NdArray.FloatData fd && fd.negInf() + fd.posInf() + fd.nan() > 0) {
      throw new IllegalArgumentException(
          split + "." + labelKey + ": " + (fd.negInf() + fd.posInf() + fd.nan()) + " non-finite labels");
    }
    counts.clippedLabels += checkLabelRange(split + "." + labelKey, labels, options.clipLabels());
    EnumMap<Modality, NdArray> arrays = new EnumMap<>(Modality.class);
    EnumMap<Modality, int[]> dims = new EnumMap<>(Modality.class); // {T, d}
    EnumSet<Modality> berts = EnumSet.noneOf(Modality.class);
    for (Modality m : Modality.values()) {
      String key = m == Modality.VIDEO ? "vision" : m == Modality.AUDIO ? "audio" : "text";
      boolean bert = false;
      if (m == Modality.TEXT && layout == Layout.MMSA && !d.containsKey("text") && d.containsKey("text_bert")) {
        key = "text_bert";
        bert = true;
        berts.add(m);
      }
      NdArray a = array(d, split, key);
      if (a.shape.length != 3 || a.shape[0] != n) {
        throw new IllegalArgumentException(
            split + "." + key + ": shape " + a.shapeString() + " found, expected [N=" + n
                + (bert ? ", 3, T]" : ", T, d]"));
      }
      if (!(a.data instanceof NdArray.FloatData || a.data instanceof NdArray.LongData
          || a.data instanceof NdArray.DigestData)) {
        throw new IllegalArgumentException(
            split + "." + key + ": dtype " + a.dtype + " found, expected a numeric array");
      }
      int t = bert ? a.shape[2] : a.shape[1]; // text_bert (N, 3, T) is read as (N, T, 3)
      int dim = bert ? a.shape[1] : a.shape[2];
      if (a.data instanceof NdArray.FloatData fd) {
        counts.add(m, fd.negInf(), fd.posInf(), fd.nan());
      } else if (a.data instanceof NdArray.DigestData dd) {
        counts.add(m, dd.negInf(), dd.posInf(), dd.nan());
      }
      int expectedDim = options.expectedFeatureDims().map(e -> e.getOrDefault(m, -1)).orElse(-1);
      if (expectedDim > 0 && dim != expectedDim) {
        throw new IllegalArgumentException(
            split + "." + key + ": shape " + a.shapeString() + " found, expected [N, T, " + expectedDim + "]");
      }
      int[] first = firstLayout.putIfAbsent(m, new int[] {t, dim});
      if (first != null && (first[0] != t || first[1] != dim)) {
        throw new IllegalArgumentException(
            split + "." + key + ": shape " + a.shapeString() + " found, expected [N, " + first[0] + ", "
                + first[1] + "] as in train");
      }
      arrays.put(m, a);
      dims.put(m, new int[] {t, dim});
      if (layout == Layout.MMSA && m != Modality.TEXT) {
        checkLengths(d, split, key + "_lengths", n, t);
      }
    }
    String[] ids = ids(d, split, n);
    checkDistinct(split, ids);
    return new Parsed(n, labels, ids, arrays, dims, berts);
  }

  /** The sentiment range of CMU-MOSI/MOSEI labels. */
  static final float LABEL_MIN = -3f, LABEL_MAX = 3f;

  /**
   * Refuses a label outside [−3, 3] (naming the first, and how many), or clips them all when {@code
   * clip}: a silently out-of-range label would shift Acc-7 and MAE.
   *
   * @return how many were clipped
   */
  static long checkLabelRange(String where, float[] labels, boolean clip) {
    long out = 0;
    int first = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < LABEL_MIN || labels[i] > LABEL_MAX) {
        out++;
        first = first < 0 ? i : first;
      }
    }
    if (out == 0) {
      return 0;
    }
    if (!clip) {
      throw new IllegalArgumentException(where + "[" + first + "]: " + labels[first] + " is outside [-3, 3] ("
          + out + " labels out of range; clipLabels: true clips them)");
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Math.max(LABEL_MIN, Math.min(LABEL_MAX, labels[i]));
    }
    return out;
  }

  /** Tasks and devices address samples by id: a repeated id would make a lookup ambiguous. */
  static void checkDistinct(String split, String[] ids) {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      Integer j = seen.putIfAbsent(ids[i], i);
      if (j != null) {
        throw new IllegalArgumentException(split + ".id: '" + ids[i] + "' repeats (samples " + j + " and " + i + ")");
      }
    }
  }

  /** Compacts every array in place, keeping samples whose text is not all zero; returns the count. */
  private static int dropAllZeroText(
      Map<Modality, float[]> feats, Map<Modality, int[]> dims, float[] labels, String[] ids, int n) {
    int[] td = dims.get(Modality.TEXT);
    int textPer = td[0] * td[1];
    float[] text = feats.get(Modality.TEXT);
    int w = 0;
    for (int i = 0; i < n; i++) {
      boolean zero = true;
      for (int k = i * textPer, end = k + textPer; k < end && zero; k++) {
        zero = text[k] == 0f;
      }
      if (zero) {
        continue;
      }
      if (w != i) {
        for (Map.Entry<Modality, float[]> e : feats.entrySet()) {
          int[] md = dims.get(e.getKey());
          int per = md[0] * md[1];
          System.arraycopy(e.getValue(), i * per, e.getValue(), w * per, per);
        }
        labels[w] = labels[i];
        ids[w] = ids[i];
      }
      w++;
    }
    return w;
  }

  private static void checkLengths(Map<?, ?> d, String split, String key, int n, int t) {
    if (!d.containsKey(key)) {
      return;
    }
    NdArray a = array(d, split, key);
    if (a.shape.length != 1 || a.shape[0] != n) {
      throw new IllegalArgumentException(
          split + "." + key + ": shape " + a.shapeString() + " found, expected [N=" + n + "]");
    }
    float[] v = toFloats(a, split + "." + key);
    for (int i = 0; i < n; i++) {
      if (!(v[i] >= 0 && v[i] <= t)) {
        throw new IllegalArgumentException(
            split + "." + key + "[" + i + "]: " + v[i] + " is outside [0, " + t + "]");
      }
    }
  }

  private static String[] ids(Map<?, ?> d, String split, int n) {
    String[] ids = new String[n];
    if (!d.containsKey("id")) {
      for (int i = 0; i < n; i++) {
        ids[i] = split + "-" + i;
      }
      return ids;
    }
    NdArray a = array(d, split, "id");
    if (a.shape.length == 0 || a.shape[0] != n) {
      throw new IllegalArgumentException(
          split + ".id: shape " + a.shapeString() + " found, expected [N=" + n + ", ...]");
    }
    int per = n == 0 ? 0 : (int) (a.elementCount() / n);
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < per; k++) {
        if (k > 0) {
          sb.append("$_$"); // MMSA's separator of video id and clip id
        }
        sb.append(element(a.data, i * per + k));
      }
      ids[i] = sb.toString();
    }
    return ids;
  }

  private static String element(NdArray.Data data, int i) {
    if (data instanceof NdArray.StringData s) {
      return s.values()[i];
    } else if (data instanceof NdArray.LongData l) {
      return Long.toString(l.values()[i]);
    } else if (data instanceof NdArray.FloatData f) {
      return Float.toString(f.values()[i]);
    }
    Object o = ((NdArray.ObjectData) data).values().get(i);
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return String.valueOf(o);
  }
}
