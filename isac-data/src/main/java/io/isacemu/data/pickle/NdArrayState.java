package io.isacemu.data.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fills an {@link NdArray} from the pieces a pickle carries: numpy's {@code __setstate__} tuple
 * (applied by BUILD), raw element bytes and shape tuples. Every piece comes from an untrusted file,
 * so each is checked before it is used.
 */
final class NdArrayState {

  private NdArrayState() {}

  /** Applies numpy's ndarray state tuple to {@code a}. */
  static void apply(NdArray a, Object[] state) {
    // (version, shape, dtype, is_fortran, data) or, before numpy 1.0, without version
    int o = state.length == 5 ? 1 : state.length == 4 ? 0 : -1;
    if (o < 0 || !(state[o] instanceof Object[] shape) || !(state[o + 1] instanceof NumpyDtype d)) {
      throw new IllegalArgumentException("ndarray state: unexpected layout of " + state.length + " items");
    }
    a.shape = toShape(shape);
    a.dtype = d;
    boolean fortran = Boolean.TRUE.equals(state[o + 2]);
    Object raw = state[o + 3];
    if (raw instanceof SafeUnpickler.Decoded dec) {
      a.data = dec.data();
    } else if (d.kind == 'O') {
      if (!(raw instanceof List<?> list) || list.size() != NdArray.elementCount(a.shape)) {
        throw new IllegalArgumentException(
            "ndarray of objects: element list does not match shape " + a.shapeString());
      }
      @SuppressWarnings("unchecked")
      NdArray.Data objects = new NdArray.ObjectData((List<Object>) list);
      a.data = fortran ? NumpyDecoder.fortranToC(objects, a.shape) : objects;
    } else {
      a.data = decodeBytes(raw, d, a.shape, fortran);
    }
    state[o + 3] = null; // the memo may hold this tuple: let the payload go
  }

  /** Decodes a bytes (or Python 2 str) payload of {@code shape} elements of {@code d} into C order. */
  static NdArray.Data decodeBytes(Object raw, NumpyDtype d, int[] shape, boolean fortran) {
    byte[] bytes;
    if (raw instanceof byte[] b) {
      bytes = b;
    } else if (raw instanceof String s) { // protocol 0-2 from Python 2: str payload
      bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    } else if (raw instanceof SafeUnpickler.DroppedBytes db) {
      throw new IllegalArgumentException(
          "ndarray data: a bytes object of " + db.length() + " bytes is referenced twice; not supported");
    } else {
      throw new IllegalArgumentException(
          "ndarray data: expected bytes, found " + (raw == null ? "None" : raw.getClass().getSimpleName()));
    }
    try {
      NdArray.Data data =
          NumpyDecoder.decode(d, NdArray.elementCount(shape), new ByteArrayInputStream(bytes), bytes.length);
      return fortran ? NumpyDecoder.fortranToC(data, shape) : data;
    } catch (IOException e) {
      throw new IllegalArgumentException("ndarray data: " + e.getMessage(), e);
    }
  }

  /** A pickled shape tuple as dimensions, each in [0, Integer.MAX_VALUE]. */
  static int[] toShape(Object[] s) {
    int[] dims = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      if (!(s[i] instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("ndarray shape: invalid dimension " + s[i]);
      }
      dims[i] = n.intValue();
    }
    return dims;
  }
}
