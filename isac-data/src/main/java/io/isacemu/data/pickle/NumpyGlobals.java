package io.isacemu.data.pickle;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * The allow-list of pickle globals that {@link SafeUnpickler} resolves, and the numpy constructors
 * behind them (called through REDUCE / NEWOBJ). Everything else fails with "pickle global X is not
 * allowed"; nothing here executes code named by the pickle.
 */
final class NumpyGlobals {

  /** The class argument of {@code _reconstruct}; never called. */
  private static final IObjectConstructor NDARRAY_CLASS =
      args -> {
        throw new PickleException("numpy.ndarray(...) called directly; not supported");
      };

  private static final Map<String, IObjectConstructor> ALLOWED = allowed();

  private NumpyGlobals() {}

  private static Map<String, IObjectConstructor> allowed() {
    IObjectConstructor reconstruct = NumpyGlobals::reconstruct;
    IObjectConstructor dtype = NumpyGlobals::dtype;
    IObjectConstructor frombuffer = NumpyGlobals::frombuffer;
    IObjectConstructor scalar = NumpyGlobals::scalar;
    return Map.of(
        "numpy.core.multiarray._reconstruct", reconstruct,
        "numpy._core.multiarray._reconstruct", reconstruct,
        "numpy.ndarray", NDARRAY_CLASS,
        "numpy.dtype", dtype,
        "numpy.core.numeric._frombuffer", frombuffer,
        "numpy._core.numeric._frombuffer", frombuffer,
        "numpy.core.multiarray.scalar", scalar,
        "numpy._core.multiarray.scalar", scalar,
        "_codecs.encode", NumpyGlobals::codecsEncode);
  }

  /** The allowed globals, sorted. */
  static Set<String> names() {
    return new TreeSet<>(ALLOWED.keySet());
  }

  /**
   * The constructor of {@code module.name}.
   *
   * @throws IllegalArgumentException when the global is not on the allow-list
   */
  static IObjectConstructor resolve(String module, String name) {
    IObjectConstructor c = ALLOWED.get(module + "." + name);
    if (c == null) {
      throw new IllegalArgumentException(
          "pickle global " + module + "." + name + " is not allowed (allowed: " + names() + ")");
    }
    return c;
  }

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
    a.shape = NdArrayState.toShape(s);
    a.dtype = d;
    a.data = NdArrayState.decodeBytes(args[0], d, a.shape, "F".equals(args[3]));
    return a;
  }

  private static Object scalar(Object[] args) {
    if (args.length < 2 || !(args[0] instanceof NumpyDtype d)) {
      throw new IllegalArgumentException("numpy scalar: unexpected arguments");
    }
    NdArray.Data data = NdArrayState.decodeBytes(args[1], d, new int[0], false);
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
}
