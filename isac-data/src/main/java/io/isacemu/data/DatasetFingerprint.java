package io.isacemu.data;

import io.isacemu.core.digest.Sha256;
import io.isacemu.core.modality.Modality;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hex SHA-256 (FIPS 180-4) over a dataset's contents in a fixed order, so equal data gives an equal
 * fingerprint in every JVM.
 *
 * <p>Order: for each split (train, valid, test): sample count; per modality in {@link Modality}
 * declaration order: ordinal, sequence length, feature dimension, then the modality's 32-byte
 * feature digest ({@link FeatureDigest}: SHA-256 over the per-sample SHA-256 of each sample's
 * features as little-endian IEEE-754 float32); every label as float32; every id as its UTF-8 byte
 * length followed by the bytes. Integers are little-endian int32. Evidence is metadata and not
 * hashed.
 *
 * <p>Why per-sample digests: a reader that does not keep the features (the BS, {@link
 * DatasetSummary}) meets the arrays in file order and decides later which samples it drops (all-zero
 * text); per-sample digests let it compute the same fingerprint while streaming over the bytes.
 */
public final class DatasetFingerprint {

  private DatasetFingerprint() {}

  /** The fingerprint of the three splits, in this order (digests their features). */
  public static String of(MultimodalSplit train, MultimodalSplit valid, MultimodalSplit test) {
    return of(SplitSummary.of(train), SplitSummary.of(valid), SplitSummary.of(test));
  }

  /** The fingerprint of the three split summaries, in this order. */
  public static String of(SplitSummary train, SplitSummary valid, SplitSummary test) {
    MessageDigest sha = Sha256.newDigest();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    HexFormat hex = HexFormat.of();
    for (SplitSummary s : new SplitSummary[] {train, valid, test}) {
      putInt(sha, buf, s.size());
      for (Modality m : Modality.values()) {
        FeatureSummary f = s.features().get(m);
        if (f == null) {
          continue;
        }
        putInt(sha, buf, m.ordinal());
        putInt(sha, buf, f.sequenceLength());
        putInt(sha, buf, f.featureDim());
        flush(sha, buf);
        sha.update(hex.parseHex(f.sha256()));
      }
      for (float label : s.labels()) {
        if (buf.remaining() < Float.BYTES) {
          flush(sha, buf);
        }
        buf.putFloat(label);
      }
      for (String i : s.ids()) {
        byte[] id = i.getBytes(StandardCharsets.UTF_8);
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
