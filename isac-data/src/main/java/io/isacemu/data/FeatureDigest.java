package io.isacemu.data;

import io.isacemu.core.digest.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The per-sample SHA-256 digests of one modality's features and their combination into the
 * modality's feature digest, as {@link DatasetFingerprint} hashes them: sample {@code i}'s digest is
 * SHA-256 over its {@code T·d} features as little-endian IEEE-754 float32; the feature digest is
 * SHA-256 over the digests of the kept samples, in order. Values arrive one at a time ({@link
 * #put}), so a reader can digest features it never stores.
 */
public final class FeatureDigest {

  /** Bytes of one SHA-256 digest. */
  public static final int BYTES = 32;

  private final MessageDigest sha = Sha256.newDigest();
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private final int samples;
  private final long perSample;
  private final byte[] digests;
  private int done;
  private long inSample;

  /**
   * @param samples number of samples, in [0, 2^26)
   * @param perSample values per sample ({@code T·d}), ≥ 0
   */
  public FeatureDigest(int samples, long perSample) {
    if (samples < 0 || samples >= Integer.MAX_VALUE / BYTES) {
      throw new IllegalArgumentException("samples: " + samples + " must be in [0, " + Integer.MAX_VALUE / BYTES + ")");
    }
    if (perSample < 0) {
      throw new IllegalArgumentException("perSample: " + perSample + " must be >= 0");
    }
    this.samples = samples;
    this.perSample = perSample;
    this.digests = new byte[samples * BYTES];
    while (perSample == 0 && done < samples) {
      finishSample();
    }
  }

  /** Adds the next value (sample by sample, row-major within a sample). */
  public void put(float v) {
    if (done == samples) {
      throw new IllegalStateException(
          "features: more than " + samples + " × " + perSample + " values were put");
    }
    if (!buf.hasRemaining()) {
      sha.update(buf.array(), 0, buf.position());
      buf.clear();
    }
    buf.putFloat(v);
    if (++inSample == perSample) {
      finishSample();
    }
  }

  private void finishSample() {
    sha.update(buf.array(), 0, buf.position());
    buf.clear();
    try {
      sha.digest(digests, done * BYTES, BYTES);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256: " + e.getMessage(), e);
    }
    done++;
    inSample = 0;
  }

  /** The {@code samples × 32} bytes of per-sample digests; every value must have been put. */
  public byte[] sampleDigests() {
    if (done != samples) {
      throw new IllegalStateException(
          "features: " + done + " of " + samples + " samples complete (" + perSample + " values each)");
    }
    return digests.clone();
  }

  /** The feature digest over the samples with {@code keep[i]} ({@code sampleDigests} of {@code keep.length} samples). */
  public static byte[] combine(byte[] sampleDigests, boolean[] keep) {
    if (sampleDigests.length != keep.length * BYTES) {
      throw new IllegalArgumentException(
          "sampleDigests: " + sampleDigests.length + " bytes found, expected " + keep.length * BYTES);
    }
    MessageDigest sha = Sha256.newDigest();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        sha.update(sampleDigests, i * BYTES, BYTES);
      }
    }
    return sha.digest();
  }

  /** The feature digest of {@code samples} samples of {@code perSample} values in {@code features}. */
  public static byte[] of(FloatBuffer features, int samples, long perSample) {
    FeatureDigest d = new FeatureDigest(samples, perSample);
    FloatBuffer f = features.duplicate();
    while (f.hasRemaining()) {
      d.put(f.get());
    }
    boolean[] all = new boolean[samples];
    Arrays.fill(all, true);
    return combine(d.sampleDigests(), all);
  }
}
