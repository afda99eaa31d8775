package io.isacemu.data.pickle;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a {@link MultimodalDataset} in the MultiBench/MulT pickle layout ({@code
 * mosei_senti_data.pkl}), so Python's {@code pickle.load} returns real numpy arrays: {@code
 * {train|valid|test: {vision (N,T,d_V) f4, audio (N,T,d_A) f4, text (N,T,d_T) f4, labels (N,1,1)
 * f4, id (N,) <U}}}. Pickle protocol 4 (PEP 3154), arrays via numpy's {@code _reconstruct} exactly
 * as numpy pickles them; feature bytes are streamed from the splits' buffers (no copy of the data).
 * Unaligned splits are written with each modality's own {@code T_m}. The file is written to a
 * temporary sibling and moved into place, so a failed write never leaves a partial file.
 */
public final class MultiBenchPickleWriter {

  /** Module that names numpy's array reconstructor in the written file. */
  public enum NumpyModule {
    /** {@code numpy.core.multiarray}: readable by numpy 1.x and 2.x. */
    NUMPY_1("numpy.core.multiarray"),
    /** {@code numpy._core.multiarray}: what numpy 2.x writes; not readable by numpy 1.x. */
    NUMPY_2("numpy._core.multiarray");

    private final String module;

    NumpyModule(String module) {
      this.module = module;
    }
  }

  private MultiBenchPickleWriter() {}

  /** Writes {@code dataset} to {@code file} naming {@link NumpyModule#NUMPY_1}. */
  public static void write(MultimodalDataset dataset, Path file) throws IOException {
    write(dataset, file, NumpyModule.NUMPY_1);
  }

  /** Writes {@code dataset} to {@code file}. */
  public static void write(MultimodalDataset dataset, Path file, NumpyModule module)
      throws IOException {
    if (dataset == null || file == null || module == null) {
      throw new IllegalArgumentException("dataset, file, module: are required (one was null)");
    }
    Path abs = file.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
    try {
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        Out out = new Out(os, module.module);
        out.op(0x80).op(4); // PROTO 4
        out.op('}'); // EMPTY_DICT
        String[] names = {"train", "valid", "test"};
        MultimodalSplit[] splits = {dataset.train(), dataset.valid(), dataset.test()};
        for (int s = 0; s < 3; s++) {
          out.str(names[s]);
          writeSplit(out, splits[s]);
          out.op('s'); // SETITEM
        }
        out.op('.'); // STOP
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeSplit(Out out, MultimodalSplit split) throws IOException {
    int n = split.size();
    out.op('}');
    for (Modality m : Modality.values()) {
      if (!split.modalities().contains(m)) {
        continue;
      }
      out.str(m == Modality.VIDEO ? "vision" : m == Modality.AUDIO ? "audio" : "text");
      int t = split.sequenceLength(m);
      int d = split.featureDim(m);
      FloatBuffer f = split.features(m);
      out.arrayHeader(new long[] {n, t, d}, "f4", 0);
      out.floats(f, (long) n * t * d);
      out.arrayFooter();
      out.op('s');
    }
    out.str("labels");
    FloatBuffer labels = FloatBuffer.allocate(n);
    for (int i = 0; i < n; i++) {
      labels.put(split.label(i));
    }
    labels.flip();
    out.arrayHeader(new long[] {n, 1, 1}, "f4", 0);
    out.floats(labels, n);
    out.arrayFooter();
    out.op('s');
    out.str("id");
    int width = 1;
    for (int i = 0; i < n; i++) {
      width = Math.max(width, split.id(i).codePointCount(0, split.id(i).length()));
    }
    out.arrayHeader(new long[] {n}, "U" + width, width * 4);
    ByteBuffer ids = ByteBuffer.allocate(n * width * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      int[] cps = split.id(i).codePoints().toArray();
      for (int k = 0; k < width; k++) {
        ids.putInt(k < cps.length ? cps[k] : 0);
      }
    }
    out.bytes(ids.array());
    out.arrayFooter();
    out.op('s');
  }

  /** Minimal protocol-4 opcode writer (no memo, no frames: both optional for readers). */
  private static final class Out {
    private final OutputStream os;
    private final String module;
    private final byte[] scratch = new byte[8];

    Out(OutputStream os, String module) {
      this.os = os;
      this.module = module;
    }

    Out op(int b) throws IOException {
      os.write(b);
      return this;
    }

    void global(String mod, String name) throws IOException {
      op('c');
      os.write((mod + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    void str(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op('X'); // BINUNICODE
      int4(b.length);
      os.write(b);
    }

    void int4(int v) throws IOException {
      ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
      os.write(scratch, 0, 4);
    }

    void int8(long v) throws IOException {
      ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v);
      os.write(scratch, 0, 8);
    }

    void integer(long v) throws IOException {
      op('J'); // BININT (signed 32-bit)
      int4(Math.toIntExact(v));
    }

    /** _reconstruct(ndarray, (0,), b'b') then the state tuple up to (and excluding) the data. */
    void arrayHeader(long[] shape, String typestr, int elsize) throws IOException {
      global(module, "_reconstruct");
      global("numpy", "ndarray");
      integer(0);
      op(0x85); // TUPLE1
      op('C').op(1).op('b'); // SHORT_BINBYTES b'b'
      op(0x87); // TUPLE3
      op('R'); // REDUCE
      op('('); // MARK
      integer(1);
      op('(');
      for (long s : shape) {
        integer(s);
      }
      op('t');
      global("numpy", "dtype");
      str(typestr);
      op(0x89).op(0x88).op(0x87); // False, True, TUPLE3
      op('R');
      op('(');
      integer(3);
      str(typestr.startsWith("U") || typestr.startsWith("f") ? "<" : "|");
      op('N').op('N').op('N');
      integer(typestr.startsWith("U") ? elsize : -1);
      integer(typestr.startsWith("U") ? 4 : -1);
      integer(typestr.startsWith("U") ? 8 : 0);
      op('t');
      op('b'); // BUILD dtype
      op(0x89); // not Fortran order
    }

    void floats(FloatBuffer f, long count) throws IOException {
      op(0x8e); // BINBYTES8
      int8(count * 4);
      ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      FloatBuffer src = f.duplicate();
      long left = count;
      while (left > 0) {
        chunk.clear();
        int items = (int) Math.min(left, chunk.capacity() / 4);
        for (int i = 0; i < items; i++) {
          chunk.putFloat(src.get());
        }
        os.write(chunk.array(), 0, items * 4);
        left -= items;
      }
    }

    void bytes(byte[] b) throws IOException {
      op(0x8e);
      int8(b.length);
      os.write(b);
    }

    void arrayFooter() throws IOException {
      op('t'); // TUPLE (state)
      op('b'); // BUILD ndarray
    }
  }
}
