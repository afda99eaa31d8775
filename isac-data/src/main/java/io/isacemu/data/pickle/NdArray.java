package io.isacemu.data.pickle;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A numpy ndarray decoded without numpy: a C-order shape and one of the data variants. Float
 * arrays (float32 or float64 on disk) become {@code float[]} with every non-finite value replaced
 * by 0 and counted; integer and bool arrays become {@code long[]}; string arrays {@code String[]};
 * object arrays the list of their (already decoded) elements.
 */
final class NdArray {

  /** Decoded element data. */
  sealed interface Data permits FloatData, LongData, StringData, ObjectData, DigestData {}

  /**
   * float32 values; {@code negInf}/{@code posInf}/{@code nan} count the replaced values ({@code
   * posInf}/{@code negInf} include float64 values beyond the float32 range).
   */
  record FloatData(float[] values, long negInf, long posInf, long nan) implements Data {}

  record LongData(long[] values) implements Data {}

  record StringData(String[] values) implements Data {}

  record ObjectData(List<Object> values) implements Data {}

  /**
   * A numeric (N, ...) array that was streamed over rather than stored (labels-only reads): the
   * {@link io.isacemu.data.FeatureDigest} of each row (sample), whether each row is all zero, and
   * the non-finite values that would have been replaced by 0 (counted as in {@link FloatData}).
   * For an (N, 3, T) array also the row digests of its (N, T, 3) transposition (how MMSA's {@code
   * text_bert} is read), which the digest cannot know it is.
   */
  record DigestData(
      byte[] sampleDigests,
      Optional<byte[]> transposedDigests,
      boolean[] allZero,
      long negInf,
      long posInf,
      long nan)
      implements Data {}

  int[] shape = new int[0];
  NumpyDtype dtype;
  Data data;

  long elementCount() {
    return elementCount(shape);
  }

  static long elementCount(int[] shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  String shapeString() {
    return Arrays.toString(shape);
  }

  @Override
  public String toString() {
    return "ndarray(shape=" + shapeString() + ", dtype=" + dtype + ")";
  }
}
