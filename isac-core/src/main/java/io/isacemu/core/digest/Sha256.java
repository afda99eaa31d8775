package io.isacemu.core.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4) for the platform's fingerprints and archive checks, as 64 lowercase hex
 * characters. The proto module keeps its own copy in {@code BundleAssembler}: it depends on no
 * platform module.
 */
public final class Sha256 {

  private Sha256() {}

  /** A fresh digest; every Java platform provides SHA-256 ({@link MessageDigest} javadoc). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** The digest of {@code bytes}, hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** The digest of a file's bytes, hex, read in 64 KiB blocks. */
  public static String hexOf(Path file) throws IOException {
    MessageDigest d = newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
