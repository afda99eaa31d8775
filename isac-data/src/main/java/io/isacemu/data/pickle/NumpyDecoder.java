package io.isacemu.data.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Converts numpy's raw C-order element bytes into {@link NdArray.Data}, streaming in fixed-size
 * chunks so that a large array never exists twice (bytes and floats) in memory.
 */
final class NumpyDecoder {

  private static final int CHUNK = 1 << 16;
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

  private NumpyDecoder() {}

  /** Reads exactly {@code nbytes} from {@code in} and decodes them as {@code count} elements. */
  static NdArray.Data decode(NumpyDtype dt, long count, InputStream in, long nbytes)
      throws IOException {
    check(dt, count, nbytes);
    int n = (int) count;
    if (dt.kind == 'U' || dt.kind == 'S') {
      byte[] all = readFully(in, (int) nbytes);
      String[] out = new String[n];
      Charset cs = dt.kind == 'S' ? StandardCharsets.ISO_8859_1 : dt.order == java.nio.ByteOrder.BIG_ENDIAN ? UTF_32BE : UTF_32LE;
      for (int i = 0; i < n; i++) {
        String s = new String(all, i * dt.itemSize, dt.itemSize, cs);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
          end--;
        }
        out[i] = s.substring(0, end);
      }
      return new NdArray.StringData(out);
    }
    byte[] chunk = chunk(nbytes);
    if (dt.kind == 'f') {
      FloatSink floats = new FloatSink(n, dt.itemSize);
      readChunks(dt, n, in, chunk, floats);
      return new NdArray.FloatData(floats.out, floats.dirt.negInf, floats.dirt.posInf, floats.dirt.nan);
    }
    long[] out = new long[n];
    readChunks(dt, n, in, chunk, (bb, first, items) -> {
      for (int i = 0; i < items; i++) {
        out[first + i] = intElement(bb, dt);
      }
    });
    return new NdArray.LongData(out);
  }

  /** The checks every payload passes before it is read: dtype, byte count, Java array bounds. */
  static void check(NumpyDtype dt, long count, long nbytes) {
    if (dt.kind == 'O') {
      throw new IllegalArgumentException("ndarray of dtype object carries raw bytes; corrupt pickle");
    }
    if (dt.itemSize <= 0 && count > 0) {
      throw new IllegalArgumentException("ndarray dtype " + dt + " has no item size");
    }
    long expected = count * dt.itemSize;
    if (nbytes != expected) {
      throw new IllegalArgumentException(
          "ndarray data: "
              + nbytes
              + " bytes found, expected "
              + expected
              + " ("
              + count
              + " elements of dtype "
              + dt
              + ")");
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "ndarray: " + count + " elements exceed the largest Java array");
    }
  }

  /** The next integer or bool element of {@code dt} in {@code bb}, as numpy's value. */
  static long intElement(ByteBuffer bb, NumpyDtype dt) {
    return switch (dt.itemSize) {
      case 1 -> dt.kind == 'i' ? bb.get() : bb.get() & 0xFFL;
      case 2 -> dt.kind == 'i' ? bb.getShort() : bb.getShort() & 0xFFFFL;
      case 4 -> dt.kind == 'i' ? bb.getInt() : bb.getInt() & 0xFFFFFFFFL;
      default -> bb.getLong();
    };
  }

  /** Receives {@code items} elements in {@code bb}, the first of them element {@code first}. */
  interface ChunkSink {
    void accept(ByteBuffer bb, int first, int items);
  }

  /** Reads {@code n} elements of {@code dt} through {@code chunk}, one chunk at a time. */
  static void readChunks(NumpyDtype dt, int n, InputStream in, byte[] chunk, ChunkSink sink)
      throws IOException {
    int done = 0;
    while (done < n) {
      int items = Math.min(n - done, chunk.length / dt.itemSize);
      readFully(in, chunk, items * dt.itemSize);
      sink.accept(ByteBuffer.wrap(chunk, 0, items * dt.itemSize).order(dt.order), done, items);
      done += items;
    }
  }

  /** float32/float64 into float[], non-finite values replaced by 0 and counted. */
  private static final class FloatSink implements ChunkSink {
    final float[] out;
    final NonFiniteCounter dirt = new NonFiniteCounter();
    /** float64 (read as double, then narrowed) rather than float32. */
    private final boolean wide;

    FloatSink(int n, int itemSize) {
      out = new float[n];
      wide = itemSize != 4;
    }

    @Override
    public void accept(ByteBuffer bb, int first, int items) {
      for (int i = 0; i < items; i++) {
        out[first + i] = dirt.next(bb, wide);
      }
    }
  }

  /** A read buffer for a payload of {@code nbytes}. */
  static byte[] chunk(long nbytes) {
    return new byte[(int) Math.min(CHUNK, Math.max(nbytes, 8))];
  }

  /** Reorders Fortran-order (column-major) data of {@code shape} into C order. */
  static NdArray.Data fortranToC(NdArray.Data data, int[] shape) {
    if (shape.length < 2) {
      return data;
    }
    int n = (int) NdArray.elementCount(shape);
    int[] map = new int[n]; // map[c-index] = f-index
    int[] idx = new int[shape.length];
    for (int c = 0; c < n; c++) {
      int f = 0;
      int stride = 1;
      for (int k = 0; k < shape.length; k++) {
        f += idx[k] * stride;
        stride *= shape[k];
      }
      map[c] = f;
      for (int k = shape.length - 1; k >= 0; k--) {
        if (++idx[k] < shape[k]) {
          break;
        }
        idx[k] = 0;
      }
    }
    if (data instanceof NdArray.FloatData fd) {
      float[] out = new float[n];
      for (int c = 0; c < n; c++) {
        out[c] = fd.values()[map[c]];
      }
      return new NdArray.FloatData(out, fd.negInf(), fd.posInf(), fd.nan());
    } else if (data instanceof NdArray.LongData ld) {
      long[] out = new long[n];
      for (int c = 0; c < n; c++) {
        out[c] = ld.values()[map[c]];
      }
      return new NdArray.LongData(out);
    } else if (data instanceof NdArray.StringData sd) {
      String[] out = new String[n];
      for (int c = 0; c < n; c++) {
        out[c] = sd.values()[map[c]];
      }
      return new NdArray.StringData(out);
    }
    NdArray.ObjectData od = (NdArray.ObjectData) data;
    Object[] out = new Object[n];
    for (int c = 0; c < n; c++) {
      out[c] = od.values().get(map[c]);
    }
    return new NdArray.ObjectData(Arrays.asList(out));
  }

  static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    readFully(in, b, n);
    return b;
  }

  static void readFully(InputStream in, byte[] b, int n) throws IOException {
    int off = 0;
    while (off < n) {
      int r = in.read(b, off, n - off);
      if (r < 0) {
        throw new EOFException("premature end of file: " + (n - off) + " more bytes expected");
      }
      off += r;
    }
  }
}
