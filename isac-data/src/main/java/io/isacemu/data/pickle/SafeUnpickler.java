package io.isacemu.data.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * A Pyrolite {@link Unpickler} that executes nothing and resolves only an allow-list of numpy
 * globals; any other global (for example {@code os.system}) fails with "pickle global X is not
 * allowed".
 *
 * <p>Pyrolite resolves globals through a package-private hook backed by a static, process-wide
 * registry, so this class intercepts the opcodes instead ({@link #dispatch}): GLOBAL, STACK_GLOBAL
 * and INST are resolved against this instance's own table; BUILD is applied only to the numpy
 * objects built here. Memory: when a BINBYTES/BINBYTES8/BYTEARRAY8 payload is the data of an
 * ndarray being rebuilt (numpy's state tuple {@code (1, shape, dtype, fortran, data)} is on the
 * stack), it is decoded from the stream straight into its float/long array, so the raw bytes are
 * never held. Other large byte strings are not kept in the memo (numpy never references them
 * twice).
 */
final class SafeUnpickler extends Unpickler {

  private static final int MEMO_BYTES_LIMIT = 1 << 20;

  /** Stands in for a large bytes object that was not memoized. */
  record DroppedBytes(long length) {}

  /** The class argument of {@code _reconstruct}; never called. */
  private static final IObjectConstructor NDARRAY_CLASS =
      args -> {
        throw new PickleException("numpy.ndarray(...) called directly; not supported");
      };

  private final Map<String, IObjectConstructor> globals;

  SafeUnpickler() {
    IObjectConstructor reconstruct = SafeUnpickler::reconstruct;
    IObjectConstructor dtype = SafeUnpickler::dtype;
    IObjectConstructor frombuffer = SafeUnpickler::frombuffer;
    IObjectConstructor scalar = SafeUnpickler::scalar;
    globals =
        Map.of(
            "numpy.core.multiarray._reconstruct", reconstruct,
            "numpy._core.multiarray._reconstruct", reconstruct,
            "numpy.ndarray", NDARRAY_CLASS,
            "numpy.dtype", dtype,
            "numpy.core.numeric._frombuffer", frombuffer,
            "numpy._core.numeric._frombuffer", frombuffer,
            "numpy.core.multiarray.scalar", scalar,
            "numpy._core.multiarray.scalar", scalar,
            "_codecs.encode", SafeUnpickler::codecsEncode);
  }

  /** The allowed globals, sorted. */
  Set<String> allowedGlobals() {
    return new TreeSet<>(globals.keySet());
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case Opcodes.GLOBAL -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(resolve(module, name));
        return NO_RETURN_VALUE;
      }
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(name instanceof String n) || !(module instanceof String m)) {
          throw new PickleException("STACK_GLOBAL needs two strings; corrupt pickle");
        }
        stack.add(resolve(m, n));
        return NO_RETURN_VALUE;
      }
      case Opcodes.INST -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        throw new IllegalArgumentException(
            "pickle global " + module + "." + name + " is not allowed (INST opcode)");
      }
      case Opcodes.BUILD -> {
        Object state = stack.pop();
        Object target = stack.peek();
        if (!(state instanceof Object[] tuple)) {
          throw new PickleException("BUILD state is not a tuple; unsupported object state");
        }
        if (target instanceof NdArray a) {
          setNdArrayState(a, tuple);
        } else if (target instanceof NumpyDtype d) {
          d.setState(tuple);
        } else {
          throw new PickleException(
              "BUILD on " + (target == null ? "None" : target.getClass().getSimpleName()) + " is not supported");
        }
        return NO_RETURN_VALUE;
      }
      case Opcodes.BINBYTES -> {
        long len = PickleUtils.bytes_to_uint(PickleUtils.readbytes(input, 4), 0);
        stack.add(bytesPayload(len));
        return NO_RETURN_VALUE;
      }
      case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
        long len = PickleUtils.bytes_to_long(PickleUtils.readbytes(input, 8), 0);
        stack.add(bytesPayload(len));
        return NO_RETURN_VALUE;
      }
      case Opcodes.PUT -> {
        memoize(Integer.parseInt(PickleUtils.readline(input), 10));
        return NO_RETURN_VALUE;
      }
      case Opcodes.BINPUT -> {
        memoize(PickleUtils.readbyte(input));
        return NO_RETURN_VALUE;
      }
      case Opcodes.LONG_BINPUT -> {
        memoize(PickleUtils.bytes_to_integer(PickleUtils.readbytes(input, 4)));
        return NO_RETURN_VALUE;
      }
      case Opcodes.MEMOIZE -> {
        memoize(memo.size());
        return NO_RETURN_VALUE;
      }
      default -> {
        return super.dispatch(key);
      }
    }
  }

  private IObjectConstructor resolve(String module, String name) {
    IObjectConstructor c = globals.get(module + "." + name);
    if (c == null) {
      throw new IllegalArgumentException(
          "pickle global " + module + "." + name + " is not allowed (allowed: " + allowedGlobals() + ")");
    }
    return c;
  }

  private void memoize(int index) {
    Object top = stack.peek();
    if (top instanceof byte[] b && b.length >= MEMO_BYTES_LIMIT) {
      top = new DroppedBytes(b.length);
    }
    memo.put(index, top);
  }

  /**
   * Reads a bytes payload. When the stack holds {@code MARK 1 shape dtype fortran} (numpy's
   * ndarray state being built) the payload is decoded in place; otherwise it is returned as bytes.
   */
  private Object bytesPayload(long len) throws IOException {
    if (len < 0) {
      throw new PickleException("negative bytes length " + len + "; corrupt pickle");
    }
    if (stack.size() >= 3) {
      Object fortran = stack.pop();
      Object dtype = stack.pop();
      Object shape = stack.pop();
      stack.add(shape);
      stack.add(dtype);
      stack.add(fortran);
      if (fortran instanceof Boolean f
          && dtype instanceof NumpyDtype d
          && d.numeric()
          && shape instanceof Object[] s) {
        int[] dims = toShape(s);
        NdArray.Data data = NumpyDecoder.decode(d, NdArray.elementCount(dims), input, len);
        return new Decoded(f ? NumpyDecoder.fortranToC(data, dims) : data);
      }
    }
    if (len > Integer.MAX_VALUE - 8) {
      throw new PickleException("bytes object of " + len + " bytes is too large outside an ndarray");
    }
    return NumpyDecoder.readFully(input, (int) len);
  }

  /** Array data already decoded from the stream (and already in C order). */
  record Decoded(NdArray.Data data) {}

  // ---- numpy constructors (called through REDUCE / NEWOBJ) ----

  private static Object reconstruct(Object[] args) {
    if (args.length < 1 || args[0] != NDARRAY_CLASS) {
      throw new IllegalArgumentException("numpy _reconstruct: only numpy.ndarray is supported");
    }
    return new NdArray();
  }

  private static Object dtype(Object[] args) {
    if (args.length < 1 || !(args[0] instanceof String s)) {
      throw new IllegalArgumentException("numpy.dtype: expected a type string argument");
    }
    return NumpyDtype.parse(s);
  }

  /** numpy ≥ 1.16 with pickle protocol 5: {@code _frombuffer(buffer, dtype, shape, order)}. */
  private static Object frombuffer(Object[] args) {
    if (args.length < 4 || !(args[1] instanceof NumpyDtype d) || !(args[2] instanceof Object[] s)) {
      throw new IllegalArgumentException("numpy _frombuffer: unexpected arguments");
    }
    NdArray a = new NdArray();
    a.shape = toShape(s);
    a.dtype = d;
    a.data = decodeBytes(args[0], d, a.shape, "F".equals(args[3]));
    return a;
  }

  private static Object scalar(Object[] args) {
    if (args.length < 2 || !(args[0] instanceof NumpyDtype d)) {
      throw new IllegalArgumentException("numpy scalar: unexpected arguments");
    }
    NdArray.Data data = decodeBytes(args[1], d, new int[0], false);
    if (data instanceof NdArray.FloatData f) {
      return (double) f.values()[0];
    } else if (data instanceof NdArray.LongData l) {
      return l.values()[0];
    } else if (data instanceof NdArray.StringData s) {
      return s.values()[0];
    }
    throw new IllegalArgumentException("numpy scalar of dtype " + d + " is not supported");
  }

  /** Python 3 protocol-2 pickles encode bytes as {@code _codecs.encode(str, 'latin1')}. */
  private static Object codecsEncode(Object[] args) {
    if (args.length < 1 || !(args[0] instanceof String s)) {
      throw new IllegalArgumentException("_codecs.encode: expected a string");
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void setNdArrayState(NdArray a, Object[] state) {
    // (version, shape, dtype, is_fortran, data) or, before numpy 1.0, without version
    int o = state.length == 5 ? 1 : state.length == 4 ? 0 : -1;
    if (o < 0 || !(state[o] instanceof Object[] shape) || !(state[o + 1] instanceof NumpyDtype d)) {
      throw new IllegalArgumentException("ndarray state: unexpected layout of " + state.length + " items");
    }
    a.shape = toShape(shape);
    a.dtype = d;
    boolean fortran = Boolean.TRUE.equals(state[o + 2]);
    Object raw = state[o + 3];
    if (raw instanceof Decoded dec) {
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

  private static NdArray.Data decodeBytes(Object raw, NumpyDtype d, int[] shape, boolean fortran) {
    byte[] bytes;
    if (raw instanceof byte[] b) {
      bytes = b;
    } else if (raw instanceof String s) { // protocol 0-2 from Python 2: str payload
      bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    } else if (raw instanceof DroppedBytes db) {
      throw new IllegalArgumentException(
          "ndarray data: a bytes object of " + db.length() + " bytes is referenced twice; not supported");
    } else {
      throw new IllegalArgumentException(
          "ndarray data: expected bytes, found " + (raw == null ? "None" : raw.getClass().getSimpleName()));
    }
    try {
      NdArray.Data data =
          NumpyDecoder.decode(
              d, NdArray.elementCount(shape), new java.io.ByteArrayInputStream(bytes), bytes.length);
      return fortran ? NumpyDecoder.fortranToC(data, shape) : data;
    } catch (IOException e) {
      throw new IllegalArgumentException("ndarray data: " + e.getMessage(), e);
    }
  }

  private static int[] toShape(Object[] s) {
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
