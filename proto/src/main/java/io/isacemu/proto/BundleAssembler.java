package io.isacemu.proto;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Reassembles a model bundle from a {@code ModelRegistry.Download} stream and checks it.
 *
 * <p>Enforces the {@code model_registry.proto} rules: chunks are contiguous (offset of chunk i+1 =
 * offset of chunk i + its length), all of one version, and the SHA-256 of the joined bytes equals
 * the {@code sha256_hex} carried by the last chunk. Not thread-safe: one assembler per download.
 */
public final class BundleAssembler {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final MessageDigest sha256 = newSha256();
  private String version;
  private boolean done;

  /** A fresh assembler expecting the chunk at offset 0. */
  public BundleAssembler() {}

  /**
   * Accepts the next chunk.
   *
   * @param chunk the next chunk of the download, in order
   * @return the whole bundle once the last chunk arrived and its SHA-256 matched; empty before
   * @throws IllegalArgumentException on a gap or overlap, a version change, a chunk after the last,
   *     or a SHA-256 mismatch
   */
  public Optional<byte[]> accept(BundleChunk chunk) {
    Objects.requireNonNull(chunk, "chunk");
    if (done) {
      throw new IllegalArgumentException("offset_bytes: " + chunk.getOffsetBytes()
          + " arrived after the last chunk");
    }
    if (version == null) {
      version = chunk.getVersion();
    } else if (!version.equals(chunk.getVersion())) {
      throw new IllegalArgumentException("version: " + chunk.getVersion() + " but the download is "
          + version);
    }
    if (chunk.getOffsetBytes() != bytes.size()) {
      throw new IllegalArgumentException("offset_bytes: " + chunk.getOffsetBytes() + " but expected "
          + bytes.size());
    }
    byte[] data = chunk.getData().toByteArray();
    bytes.writeBytes(data);
    sha256.update(data);
    if (!chunk.getLast()) {
      return Optional.empty();
    }
    done = true;
    String actual = HexFormat.of().formatHex(sha256.digest());
    if (!actual.equals(chunk.getSha256Hex())) {
      throw new IllegalArgumentException("sha256_hex: " + chunk.getSha256Hex()
          + " but the received bytes hash to " + actual);
    }
    return Optional.of(bytes.toByteArray());
  }

  /** The version of the chunks received so far; empty before the first chunk. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * SHA-256 of {@code data} as 64 lowercase hex characters, the form of {@code sha256_hex}.
   *
   * @param data any bytes
   * @return 64 lowercase hex characters
   */
  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(newSha256().digest(data));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest javadoc).
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
