package io.isacemu.data.pickle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Takes numpy arrays and dicts out of an unpickled object tree, checking each type on the way; the
 * errors name the split and key and what was found instead.
 */
final class PickleArrays {

  private PickleArrays() {}

  /** The numpy array at {@code key} of split {@code split}'s dict {@code d}. */
  static NdArray array(Map<?, ?> d, String split, String key) {
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

  /** {@code o} as a dict; {@code where} names it in the error. */
  static Map<?, ?> asMap(Object o, String where) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          where + ": expected a dict, found " + (o == null ? "None" : o.getClass().getSimpleName()));
    }
    return m;
  }

  /** The dict's keys as strings, sorted, for error messages. */
  static List<String> keys(Map<?, ?> m) {
    List<String> out = new ArrayList<>();
    for (Object k : m.keySet()) {
      out.add(String.valueOf(k));
    }
    return new ArrayList<>(new TreeSet<>(out));
  }

  /** A numeric array's values as floats (float data without a copy). */
  static float[] toFloats(NdArray a, String key) {
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

  /** (N, a, b) -> (N, b, a), e.g. MMSA's {@code text_bert} (N, 3, T) into (N, T, 3). */
  static float[] transposeLast(float[] f, int n, int a, int b) {
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
}
