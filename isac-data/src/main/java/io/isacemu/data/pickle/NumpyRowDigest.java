package io.isacemu.data.pickle;

import io.isacemu.data.FeatureDigest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Streams over a numeric array's C-order element bytes without storing them (labels-only reads):
 * each element becomes the float the full read would store (non-finite values replaced by 0 and
 * counted, integers converted), which goes into the {@link FeatureDigest} of its row (first axis)
 * and into that row's all-zero flag. An (N, 3, T) array is also digested as (N, T, 3) (MMSA's
 * {@code text_bert} is read so), through a one-row buffer. Memory: one 64 KiB chunk plus 33 bytes
 * per row (65 and one row of floats for (N, 3, T)).
 */
final class NumpyRowDigest {

  private NumpyRowDigest() {}

  /** Reads exactly {@code nbytes} from {@code in}: the elements of a C-order array of {@code shape}. */
  static NdArray.DigestData digest(NumpyDtype dt, int[] shape, InputStream in, long nbytes) throws IOException {
    long count = NdArray.elementCount(shape);
    NumpyDecoder.check(dt, count, nbytes);
    if (dt.kind == 'U' || dt.kind == 'S' || shape.length == 0) {
      throw new IllegalArgumentException(
          "ndarray " + java.util.Arrays.toString(shape) + " of dtype " + dt + " cannot be digested by rows");
    }
    int rows = shape[0];
    long perRow = rows == 0 ? 0 : count / rows;
    boolean transpose = shape.length == 3 && shape[1] == 3;
    Sink sink = new Sink(rows, perRow, dt, transpose ? shape[2] : 0);
    NumpyDecoder.readChunks(dt, (int) count, in, NumpyDecoder.chunk(nbytes), sink);
    return new NdArray.DigestData(sink.digest.sampleDigests(),
        transpose ? Optional.of(sink.transposed.sampleDigests()) : Optional.empty(),
        sink.allZero, sink.dirt.negInf, sink.dirt.posInf, sink.dirt.nan);
  }

  private static final class Sink implements NumpyDecoder.ChunkSink {
    final FeatureDigest digest;
    final boolean[] allZero;
    final long perRow;
    final NumpyDtype dt;
    final boolean wide;
    /** (N, 3, b) arrays: the row in file order and the digest of its (b, 3) transposition. */
    final int b;
    final float[] row3;
    final FeatureDigest transposed;
    final NonFiniteCounter dirt = new NonFiniteCounter();
    int row;
    long inRow;

    Sink(int rows, long perRow, NumpyDtype dt, int b) {
      this.digest = new FeatureDigest(rows, perRow);
      this.b = b;
      this.row3 = new float[b > 0 ? 3 * b : 0];
      this.transposed = new FeatureDigest(b > 0 ? rows : 0, perRow);
      this.allZero = new boolean[rows];
      java.util.Arrays.fill(allZero, true);
      this.perRow = perRow;
      this.dt = dt;
      this.wide = dt.itemSize != 4;
    }

    @Override
    public void accept(java.nio.ByteBuffer bb, int first, int items) {
      for (int i = 0; i < items; i++) {
        float v = dt.kind == 'f' ? dirt.next(bb, wide) : NumpyDecoder.intElement(bb, dt);
        if (v != 0f) {
          allZero[row] = false;
        }
        digest.put(v);
        if (b > 0) {
          row3[(int) inRow] = v;
        }
        if (++inRow == perRow) {
          for (int y = 0; y < b; y++) {
            for (int x = 0; x < 3; x++) {
              transposed.put(row3[x * b + y]);
            }
          }
          row++;
          inRow = 0;
        }
      }
    }
  }
}
