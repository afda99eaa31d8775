package io.isacemu.learning;

import io.isacemu.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A bundle's directory on disk, whatever the files mean: their names, the {@code MANIFEST.sha256}
 * ({@code <hex sha-256>  <file>} per line, written last), the atomic write and the checksummed read.
 */
final class BundleFiles {

  static final String MANIFEST = "MANIFEST.sha256";
  static final String METADATA = "metadata.json";
  static final String GATE = "gate.params";
  static final String FULL_GATE = "gate-full.params";

  private BundleFiles() {}

  static String expertFile(int i) {
    return "expert-" + i + ".params";
  }

  /**
   * Writes {@code files} (name → bytes) and their manifest into a temporary sibling directory, then
   * renames it atomically onto {@code target}, so a reader never sees a half-written bundle.
   *
   * @return the absolute {@code target}
   * @throws BundleException when {@code target} exists or writing fails (the temporary directory is
   *     removed)
   */
  static Path writeAtomically(Path target, Map<String, byte[]> files) {
    Path abs = target.toAbsolutePath();
    if (Files.exists(abs)) {
      throw new BundleException("bundle: target " + abs + " already exists; choose a new directory");
    }
    Path tmp = null;
    try {
      Files.createDirectories(abs.getParent());
      tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
      StringBuilder manifest = new StringBuilder();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        write(tmp.resolve(f.getKey()), f.getValue());
        manifest.append(sha256(f.getValue())).append("  ").append(f.getKey()).append('\n');
      }
      write(tmp.resolve(MANIFEST), manifest.toString().getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      return abs;
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(tmp);
      throw new BundleException("bundle: target " + abs + " appeared while writing; not overwritten", e);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new BundleException("bundle: cannot write " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every file listed in the manifest and checks its SHA-256; the metadata and the main gate
   * must be listed.
   *
   * @return file name → bytes, in manifest order
   * @throws BundleException naming the problem when the bundle is partial or corrupt
   */
  static Map<String, byte[]> verified(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BundleException("bundle: " + dir + " is not a directory");
    }
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new BundleException("bundle: " + dir + " is partial: " + MANIFEST + " is missing");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split("  ", 2);
        if (parts.length != 2 || parts[1].contains("/") || parts[1].contains("\\")) {
          throw new BundleException("bundle: malformed manifest line '" + line + "'");
        }
        Path f = dir.resolve(parts[1]);
        if (!Files.isRegularFile(f)) {
          throw new BundleException("bundle: " + dir + " is partial: " + parts[1] + " is missing");
        }
        byte[] bytes = Files.readAllBytes(f);
        if (!sha256(bytes).equals(parts[0])) {
          throw new BundleException("bundle: checksum mismatch for " + parts[1] + " (file corrupt or truncated)");
        }
        files.put(parts[1], bytes);
      }
    } catch (IOException e) {
      throw new BundleException("bundle: cannot read " + dir + ": " + e.getMessage(), e);
    }
    for (String required : List.of(METADATA, GATE)) {
      if (!files.containsKey(required)) {
        throw new BundleException("bundle: " + required + " is not listed in " + MANIFEST);
      }
    }
    return files;
  }

  static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a leftover hidden temp directory is harmless
    }
  }
}
