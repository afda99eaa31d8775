package io.isacemu.data.pickle;

import java.nio.ByteBuffer;

/**
 * Reads one float32 or float64 element as float32 and replaces a non-finite value by 0, counting
 * it: NaN, −inf, +inf (a float64 beyond the float32 range narrows to ±inf and counts as such). The
 * one cleanup of the full read ({@link NumpyDecoder}) and the labels-only read ({@link NumpyRowDigest}),
 * so both see the same values.
 */
final class NonFiniteCounter {

  long negInf;
  long posInf;
  long nan;

  /** The next element of {@code bb}: float64 when {@code wide}, else float32; non-finite → 0. */
  float next(ByteBuffer bb, boolean wide) {
    float v = wide ? (float) bb.getDouble() : bb.getFloat();
    if (Float.isFinite(v)) {
      return v;
    }
    if (Float.isNaN(v)) {
      nan++;
    } else if (v > 0) {
      posInf++;
    } else {
      negInf++;
    }
    return 0f;
  }
}
