package io.isacemu.data.pickle;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.LoadReport;
import io.isacemu.data.MultimodalDataset;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.razorvine.pickle.PickleException;

/**
 * Reads CMU-MOSEI/MOSI feature pickles as the community distributes them, without executing
 * anything (only numpy array globals are resolved, see {@link SafeUnpickler}).
 *
 * <p>Layouts (detected per file): <b>MultiBench/MulT</b> ({@code mosei_senti_data.pkl}): {@code
 * {train|valid|test: {vision (N,T,35), audio (N,T,74), text (N,T,300), labels (N,1,1), id}}};
 * <b>MMSA</b> ({@code aligned_50.pkl}, {@code unaligned_50.pkl}): per split {@code text} (or, when
 * absent, {@code text_bert} (N,3,T) token ids/mask/segments, read as (N,T,3)), {@code audio}, {@code
 * vision}, {@code regression_labels} (N), {@code id}, optional {@code audio_lengths}/{@code
 * vision_lengths} (checked to lie in [0, T_m]; padded steps stay as stored). Unaligned data keeps
 * each modality's own {@code T_m} ({@link io.isacemu.data.MultimodalSplit#sequenceLength(Modality)}).
 *
 * <p>Dirt: {@code -inf}, {@code +inf} (including float64 values beyond the float32 range) and NaN
 * feature values are replaced by 0 and counted per modality in the {@link LoadReport}; non-finite
 * labels are an error. Any wrong key, shape or dimension is an {@link IllegalArgumentException}
 * naming the key and the shape found vs expected; a truncated or corrupt file is an {@code
 * IllegalArgumentException} too, and no partial dataset is ever returned.
 *
 * <p>Memory: array payloads are decoded from the stream straight into their final {@code float[]}
 * (see {@link SafeUnpickler}), which the splits then use without copying; peak heap is about the
 * float32 size of the features.
 */
public final class PickleDatasetReader {

  /** The two supported layouts. */
  public enum Layout {
    MULTIBENCH,
    MMSA
  }

  private static final String[] SPLITS = {"train", "valid", "test"};

  private PickleDatasetReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws IOException when the file cannot be opened
   * @throws IllegalArgumentException when its content is not a supported, complete dataset pickle
   */
  public static MultimodalDataset read(Path file, ReadOptions options) throws IOException {
    if (options == null) {
      throw new IllegalArgumentException("options: is required (was null)");
    }
    Object root;
    try (InputStream in = Files.newInputStream(file)) {
      root = load(in, file.getFileName().toString());
    }
    return fromPickle(root, file.getFileName().toString(), options);
  }

  /** Parses one pickle from {@code in} (allowed globals only); errors name {@code source}. */
  static Object load(InputStream in, String source) {
    CountingInputStream counting = new CountingInputStream(new BufferedInputStream(in, 1 << 16));
    SafeUnpickler u = new SafeUnpickler();
    try {
      return u.load(counting);
    } catch (IOException | PickleException | ClassCastException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          source + ": corrupt or truncated pickle at byte " + counting.count + ": " + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    } finally {
      u.close();
    }
  }

  static MultimodalDataset fromPickle(Object root, String name, ReadOptions options) {
    Map<?, ?> top = asMap(root, "top level");
    Counts counts = new Counts();
    ArraySplit[] splits = new ArraySplit[3];
    Layout layout = null;
    Map<Modality, int[]> firstLayout = new EnumMap<>(Modality.class);
    for (int s = 0; s < 3; s++) {
      Object v = top.get(SPLITS[s]);
      if (v == null) {
        throw new IllegalArgumentException(
            "key '" + SPLITS[s] + "' missing at top level (found keys " + keys(top) + ")");
      }
      Map<?, ?> split = asMap(v, SPLITS[s]);
      Layout l = split.containsKey("regression_labels") ? Layout.MMSA : Layout.MULTIBENCH;
      if (layout != null && l != layout) {
        throw new IllegalArgumentException(
            SPLITS[s] + ": layout " + l + " differs from train's " + layout);
      }
      layout = l;
      splits[s] = readSplit(SPLITS[s], split, l, options, counts, firstLayout);
    }
    LoadReport report =
        new LoadReport(counts.negInf, counts.posInf, counts.nan, counts.droppedAllZeroText);
    return MultimodalDataset.of(
        name + " (" + layout + ")", splits[0], splits[1], splits[2], report);
  }

  private static ArraySplit readSplit(
      String split,
      Map<?, ?> d,
      Layout layout,
      ReadOptions options,
      Counts counts,
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
    EnumMap<Modality, float[]> feats = new EnumMap<>(Modality.class);
    EnumMap<Modality, int[]> dims = new EnumMap<>(Modality.class); // {T, d}
    for (Modality m : Modality.values()) {
      String key = m == Modality.VIDEO ? "vision" : m == Modality.AUDIO ? "audio" : "text";
      boolean bert = false;
      if (m == Modality.TEXT && layout == Layout.MMSA && !d.containsKey("text") && d.containsKey("text_bert")) {
        key = "text_bert";
        bert = true;
      }
      NdArray a = array(d, split, key);
      if (a.shape.length != 3 || a.shape[0] != n) {
        throw new IllegalArgumentException(
            split + "." + key + ": shape " + a.shapeString() + " found, expected [N=" + n
                + (bert ? ", 3, T]" : ", T, d]"));
      }
      float[] f = toFloats(a, split + "." + key);
      int t = a.shape[1];
      int dim = a.shape[2];
      if (bert) { // (N, 3, T) -> (N, T, 3)
        f = transposeLast(f, n, a.shape[1], a.shape[2]);
        t = a.shape[2];
        dim = a.shape[1];
      }
      if (a.data instanceof NdArray.FloatData fd) {
        counts.negInf.merge(m, fd.negInf(), Long::sum);
        counts.posInf.merge(m, fd.posInf(), Long::sum);
        counts.nan.merge(m, fd.nan(), Long::sum);
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
      feats.put(m, f);
      dims.put(m, new int[] {t, dim});
      if (layout == Layout.MMSA && m != Modality.TEXT) {
        checkLengths(d, split, key + "_lengths", n, t);
      }
    }
    String[] ids = ids(d, split, n);
    int kept = n;
    if (options.dropAllZeroText()) {
      kept = dropAllZeroText(feats, dims, labels, ids, n);
      counts.droppedAllZeroText += n - kept;
    }
    ArraySplit.Builder b = ArraySplit.builder(kept);
    for (Map.Entry<Modality, float[]> e : feats.entrySet()) {
      int[] td = dims.get(e.getKey());
      b.modality(e.getKey(), td[0], td[1], FloatBuffer.wrap(e.getValue(), 0, kept * td[0] * td[1]));
    }
    return b.labels(kept == n ? labels : Arrays.copyOf(labels, kept))
        .ids(kept == n ? ids : Arrays.copyOf(ids, kept))
        .build();
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

  private static float[] toFloats(NdArray a, String key) {
    if (a.data instanceof NdArray.FloatData f) {
      return f.values();
    } else if (a.data instanceof NdArray.LongData l) {
      float[] out = new float[l.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = l.values()[i];
      }
      return out;
    }
    throw new IllegalArgumentException(key + ": dtype " + a.dtype + " found, expected a numeric array");
  }

  private static float[] transposeLast(float[] f, int n, int a, int b) {
    float[] out = new float[f.length];
    for (int i = 0; i < n; i++) {
      int base = i * a * b;
      for (int x = 0; x < a; x++) {
        for (int y = 0; y < b; y++) {
          out[base + y * a + x] = f[base + x * b + y];
        }
      }
    }
    return out;
  }

  private static NdArray array(Map<?, ?> d, String split, String key) {
    Object v = d.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          split + ": key '" + key + "' missing (found keys " + keys(d) + ")");
    }
    if (!(v instanceof NdArray a) || a.data == null) {
      throw new IllegalArgumentException(
          split + "." + key + ": expected a numpy array, found " + v.getClass().getSimpleName());
    }
    return a;
  }

  private static Map<?, ?> asMap(Object o, String where) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          where + ": expected a dict, found " + (o == null ? "None" : o.getClass().getSimpleName()));
    }
    return m;
  }

  private static List<String> keys(Map<?, ?> m) {
    List<String> out = new ArrayList<>();
    for (Object k : m.keySet()) {
      out.add(String.valueOf(k));
    }
    return new ArrayList<>(new TreeSet<>(out));
  }

  private static final class Counts {
    final EnumMap<Modality, Long> negInf = new EnumMap<>(Modality.class);
    final EnumMap<Modality, Long> posInf = new EnumMap<>(Modality.class);
    final EnumMap<Modality, Long> nan = new EnumMap<>(Modality.class);
    long droppedAllZeroText;
  }

  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        count += r;
      }
      return r;
    }
  }
}
