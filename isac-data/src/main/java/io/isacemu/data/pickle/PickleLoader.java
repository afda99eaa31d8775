package io.isacemu.data.pickle;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses one pickle with {@link SafeUnpickler} and turns every failure into an {@link
 * IllegalArgumentException} naming the source (and, for corrupt or truncated input, the byte
 * offset reached).
 */
final class PickleLoader {

  private PickleLoader() {}

  /** Parses one pickle from {@code in} (allowed globals only); errors name {@code source}. */
  static Object load(InputStream in, String source) {
    return load(in, source, SafeUnpickler.Payloads.DECODE);
  }

  /** Parses with the given payload handling ({@link SafeUnpickler.Payloads}). */
  static Object load(InputStream in, String source, SafeUnpickler.Payloads payloads) {
    return load(in, source, payloads, java.util.Set.of());
  }

  /** As {@link #load(InputStream, String, SafeUnpickler.Payloads)}, decoding the arrays under {@code keepKeys}. */
  static Object load(InputStream in, String source, SafeUnpickler.Payloads payloads, java.util.Set<String> keepKeys) {
    CountingInputStream counting = new CountingInputStream(new BufferedInputStream(in, 1 << 16));
    SafeUnpickler u = new SafeUnpickler(payloads, keepKeys);
    try {
      return u.load(counting);
    } catch (IllegalArgumentException e) { // disallowed global, unsupported dtype, bad shape
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // EOF, bad opcode, or garbage that makes Pyrolite fail (negative lengths, wrong stack types)
      throw new IllegalArgumentException(
          source + ": corrupt or truncated pickle at byte " + counting.count + ": " + e,
          e);
    } finally {
      u.close();
    }
  }

  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        count += r;
      }
      return r;
    }
  }
}
