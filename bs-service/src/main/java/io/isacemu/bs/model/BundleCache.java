package io.isacemu.bs.model;

import io.isacemu.proto.BundleAssembler;
import io.isacemu.proto.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The last bundle the BS installed, on its local disk: the archive exactly as downloaded ({@code
 * <sha256>.zip}) and a small {@code current.properties} naming its version and SHA-256. Both are
 * written durably (file and directory fsynced) and the pointer last, so a crash leaves either the
 * old or the new bundle, whole. {@link #read()} re-hashes the archive and refuses one whose bytes
 * do not match the recorded SHA-256 (a torn or tampered file), so a restarted BS never serves a
 * model that is not the one it verified when it installed it.
 *
 * <p>Not thread-safe: the model updater's single worker thread is its only user.
 */
final class BundleCache {

  /** A cached archive whose bytes hash to {@code sha256Hex}. */
  record Cached(String version, String sha256Hex, byte[] zip) {}

  private static final String POINTER = "current.properties";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final Path dir;

  /** A cache in {@code dir} (created on the first {@link #keep}). */
  BundleCache(Path dir) {
    this.dir = dir;
  }

  /** Where the cache lives. */
  Path directory() {
    return dir;
  }

  /**
   * The cached bundle; empty when none was kept.
   *
   * @throws IOException when the cache is unreadable, or {@link CorruptCacheException} when its
   *     pointer is malformed or the archive's bytes do not hash to the recorded SHA-256
   */
  Optional<Cached> read() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(POINTER))) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String version = p.getProperty("version", "");
    String sha = p.getProperty("sha256", "");
    if (version.isBlank() || !SHA256_HEX.matcher(sha).matches()) {
      throw new CorruptCacheException(dir.resolve(POINTER) + ": version '" + version + "' / sha256 '" + sha
          + "' is not a version and a 64-digit lower-case SHA-256");
    }
    Path zip = dir.resolve(sha + ".zip");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(zip);
    } catch (NoSuchFileException e) {
      throw new CorruptCacheException(zip + ": missing, although " + POINTER + " names it for " + version);
    }
    String actual = BundleAssembler.sha256Hex(bytes);
    if (!actual.equals(sha)) {
      throw new CorruptCacheException(zip + ": hashes to " + actual + ", not to the recorded " + sha
          + " of bundle " + version);
    }
    return Optional.of(new Cached(version, sha, bytes));
  }

  /**
   * Keeps {@code zip} as the current bundle and removes the archives of earlier ones.
   *
   * @param sha256Hex the SHA-256 {@code zip} was verified against, lower-case hex
   */
  void keep(String version, String sha256Hex, byte[] zip) throws IOException {
    Files.createDirectories(dir);
    DurableFiles.write(dir.resolve(sha256Hex + ".zip"), zip);
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("sha256", sha256Hex);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream out = buf) {
      p.store(out, "the bundle the BS serves after a restart; written by bs-service");
    }
    DurableFiles.write(dir.resolve(POINTER), buf.toByteArray());
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.zip")) {
      for (Path f : old) {
        if (!f.getFileName().toString().equals(sha256Hex + ".zip")) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** The cache exists but cannot be trusted; the message names the file and what is wrong. */
  static final class CorruptCacheException extends IOException {
    CorruptCacheException(String message) {
      super(message);
    }
  }
}
