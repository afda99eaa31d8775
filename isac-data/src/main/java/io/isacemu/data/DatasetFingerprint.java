package io.isacemu.data;

import io.isacemu.core.digest.Sha256;
import io.isacemu.core.modality.Modality;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hex SHA-256 (FIPS 180-4) over a dataset's contents in a fixed order, so equal data gives an equal
 * fingerprint in every JVM.
 *
 * <p>Order: for each split (train, valid, test): sample count; per modality in {@link Modality}
 * declaration order: ordinal, sequence length, feature dimension, then every feature as
 * little-endian IEEE-754 float32 bits; every label the same way; every id as its UTF-8 byte length
 * followed by the bytes. Evidence is metadata and not hashed.
 */
public final class DatasetFingerprint {

  private DatasetFingerprint() {}

  /** The fingerprint of the three splits, in this order. */
  public static String of(MultimodalSplit train, MultimodalSplit valid, MultimodalSplit test) {
    MessageDigest sha = Sha256.newDigest();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (MultimodalSplit s : new MultimodalSplit[] {train, valid, test}) {
      putInt(sha, buf, s.size());
      for (Modality m : Modality.values()) {
        if (!s.modalities().contains(m)) {
          continue;
        }
        putInt(sha, buf, m.ordinal());
        putInt(sha, buf, s.sequenceLength(m));
        putInt(sha, buf, s.featureDim(m));
        FloatBuffer f = s.features(m);
        while (f.hasRemaining()) {
          if (buf.remaining() < Float.BYTES) {
            flush(sha, buf);
          }
          buf.putFloat(f.get());
        }
      }
      for (int i = 0; i < s.size(); i++) {
        if (buf.remaining() < Float.BYTES) {
          flush(sha, buf);
        }
        buf.putFloat(s.label(i));
      }
      for (int i = 0; i < s.size(); i++) {
        byte[] id = s.id(i).getBytes(StandardCharsets.UTF_8);
        putInt(sha, buf, id.length);
        flush(sha, buf);
        sha.update(id);
      }
    }
    flush(sha, buf);
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void putInt(MessageDigest sha, ByteBuffer buf, int v) {
    if (buf.remaining() < Integer.BYTES) {
      flush(sha, buf);
    }
    buf.putInt(v);
  }

  private static void flush(MessageDigest sha, ByteBuffer buf) {
    sha.update(buf.array(), 0, buf.position());
    buf.clear();
  }
}
