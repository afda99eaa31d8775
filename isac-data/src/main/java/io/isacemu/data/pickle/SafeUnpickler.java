package io.isacemu.data.pickle;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * A Pyrolite {@link Unpickler} that executes nothing and resolves only an allow-list of numpy
 * globals ({@link NumpyGlobals}); any other global (for example {@code os.system}) fails with
 * "pickle global X is not allowed".
 *
 * <p>Pyrolite resolves globals through a package-private hook backed by a static, process-wide
 * registry, so this class intercepts the opcodes instead ({@link #dispatch}): GLOBAL, STACK_GLOBAL
 * and INST are resolved against {@link NumpyGlobals}; BUILD is applied only to the numpy objects
 * built here ({@link NdArrayState}). Memory: when a BINBYTES/BINBYTES8/BYTEARRAY8 payload is the
 * data of an ndarray being rebuilt (numpy's state tuple {@code (1, shape, dtype, fortran, data)} is
 * on the stack), it is decoded from the stream straight into its float/long array, so the raw bytes
 * are never held. Other large byte strings are not kept in the memo (numpy never references them
 * twice).
 */
final class SafeUnpickler extends Unpickler {

  private static final int MEMO_BYTES_LIMIT = 1 << 20;

  /** Stands in for a large bytes object that was not memoized. */
  record DroppedBytes(long length) {}

  /** Array data already decoded from the stream (and already in C order). */
  record Decoded(NdArray.Data data) {}

  /** What happens to an ndarray's bytes payload. */
  enum Payloads {
    /** Decoded from the stream straight into the final array (the reader's default). */
    DECODE,
    /**
     * Feature arrays (see {@link #isFeatureArray}) are streamed over into {@link
     * NdArray.DigestData} and never stored; every other array is decoded as in {@link #DECODE}.
     */
    DIGEST_FEATURES,
    /**
     * As {@link #DIGEST_FEATURES}, except the feature arrays stored under one of the kept dict keys
     * (e.g. {@code vision}), which are decoded: a device reads its own modality only. The key is the
     * string right below the array on the stack (a dict being filled: {@code MARK key value ...
     * SETITEMS}); when it cannot be told, the array is digested and the reader refuses the result.
     */
    KEEP_KEYS,
    /** Plain Pyrolite: read into a {@code byte[]} and memoized; only for the memory comparison. */
    PLAIN
  }

  private final Payloads payloads;
  private final boolean streamArrays;
  private final java.util.Set<String> keepKeys;
  /** {@link Payloads#KEEP_KEYS}: stack size → the string last pushed to make the stack that size. */
  private final java.util.Map<Integer, String> stringAtDepth = new java.util.HashMap<>();

  SafeUnpickler() {
    this(Payloads.DECODE);
  }

  SafeUnpickler(Payloads payloads) {
    this(payloads, java.util.Set.of());
  }

  SafeUnpickler(Payloads payloads, java.util.Set<String> keepKeys) {
    this.payloads = payloads;
    this.streamArrays = payloads != Payloads.PLAIN;
    this.keepKeys = java.util.Set.copyOf(keepKeys);
  }

  /**
   * Whether a labels-only read digests rather than stores an array: numeric, C order, rank 3 with
   * more than one element per row. That is every (N, T, d) feature array (and MMSA's {@code
   * text_bert} (N, 3, T)); labels (N, 1, 1), lengths and ids stay, and so do Fortran-order arrays
   * (reordered, then digested by {@link SplitSummarizer}).
   */
  static boolean isFeatureArray(int[] dims, boolean fortran) {
    return !fortran && dims.length == 3 && (long) dims[1] * dims[2] > 1;
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case Opcodes.GLOBAL -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(NumpyGlobals.resolve(module, name));
        return NO_RETURN_VALUE;
      }
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(name instanceof String n) || !(module instanceof String m)) {
          throw new PickleException("STACK_GLOBAL needs two strings; corrupt pickle");
        }
        stack.add(NumpyGlobals.resolve(m, n));
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
          NdArrayState.apply(a, tuple);
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
        Object r = super.dispatch(key);
        // a dict key is pushed (or fetched from the memo) right before its value: remember it by depth
        if (payloads == Payloads.KEEP_KEYS && stack.size() > 0 && stack.peek() instanceof String s) {
          stringAtDepth.put(stack.size(), s);
        }
        return r;
      }
    }
  }

  private void memoize(int index) {
    Object top = stack.peek();
    if (streamArrays && top instanceof byte[] b && b.length >= MEMO_BYTES_LIMIT) {
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
    if (streamArrays && stack.size() >= 3) {
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
        int[] dims = NdArrayState.toShape(s);
        // stack: ... key, ndarray, MARK, 1, shape, dtype, fortran: the key made the stack size − 6 deep
        boolean kept = payloads == Payloads.KEEP_KEYS && keepKeys.contains(stringAtDepth.get(stack.size() - 6));
        if ((payloads == Payloads.DIGEST_FEATURES || payloads == Payloads.KEEP_KEYS && !kept)
            && isFeatureArray(dims, f)) {
          return new Decoded(NumpyRowDigest.digest(d, dims, input, len));
        }
        NdArray.Data data = NumpyDecoder.decode(d, NdArray.elementCount(dims), input, len);
        return new Decoded(f ? NumpyDecoder.fortranToC(data, dims) : data);
      }
    }
    if (len > Integer.MAX_VALUE - 8) {
      throw new PickleException("bytes object of " + len + " bytes is too large outside an ndarray");
    }
    if (len <= 1 << 24) {
      return NumpyDecoder.readFully(input, (int) len);
    }
    // large and not an array payload: grow as data arrives, so a corrupt length cannot make us
    // allocate gigabytes before the stream ends
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 24);
    byte[] chunk = new byte[1 << 16];
    long left = len;
    while (left > 0) {
      int r = input.read(chunk, 0, (int) Math.min(chunk.length, left));
      if (r < 0) {
        throw new EOFException("premature end of file: " + left + " more bytes expected");
      }
      out.write(chunk, 0, r);
      left -= r;
    }
    return out.toByteArray();
  }
}
