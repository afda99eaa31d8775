package io.isacemu.proto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bundle archive format, both ways: a zip of the bundle directory plus {@value
 * #ARCHIVE_MANIFEST}. {@link #write} is how the training service packs a bundle (and how tests pack
 * theirs); {@link #unpack} unpacks one into a fresh temporary directory and finds the isac-learning
 * bundle in it: the one directory holding {@code MANIFEST.sha256}, at the root or nested. Guards
 * against entries escaping the directory (zip slip) and against zip bombs (total size cap). Shared
 * by the BS and the devices (both fetch bundles from the ModelRegistry).
 */
public final class BundleArchive {

  /** File marking an isac-learning bundle directory. */
  public static final String LEARNING_MANIFEST = "MANIFEST.sha256";
  /** The archive's first entry: the training service's description of the bundle (JSON). */
  public static final String ARCHIVE_MANIFEST = "bundle-manifest.json";
  private static final long MAX_UNPACKED_BYTES = 2L << 30;

  private BundleArchive() {}

  /**
   * Writes the archive's entries into {@code out}: {@value #ARCHIVE_MANIFEST} holding {@code
   * manifestJson}, then every regular file under {@code root} in path order, named by its path
   * relative to {@code root} with {@code /} separators. Every entry carries {@code entryTime}, so the
   * same inputs give the same bytes (and checksum).
   *
   * @param out an open zip stream; the caller finishes and closes it
   * @param manifestJson the manifest entry's content, UTF-8 JSON
   * @param root the directory to pack, e.g. a work directory holding {@code model/}
   * @param entryTime the modification time of every entry
   */
  public static void write(ZipOutputStream out, byte[] manifestJson, Path root, Instant entryTime) throws IOException {
    putEntry(out, ARCHIVE_MANIFEST, entryTime);
    out.write(manifestJson);
    out.closeEntry();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      putEntry(out, root.relativize(f).toString().replace('\\', '/'), entryTime);
      Files.copy(f, out);
      out.closeEntry();
    }
  }

  /** The archive of {@code root} in memory (see {@link #write}). */
  public static byte[] pack(byte[] manifestJson, Path root, Instant entryTime) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      write(out, manifestJson, root, entryTime);
    }
    return bytes.toByteArray();
  }

  private static void putEntry(ZipOutputStream out, String name, Instant time) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(time.toEpochMilli());
    out.putNextEntry(e);
  }

  /**
   * Unpacks {@code zip} under {@code root}.
   *
   * @param zip the archive bytes as downloaded
   * @param root an existing, empty directory
   * @return the directory to hand to {@code ModelBundle.load}; under {@code root}
   * @throws IOException when the archive is malformed, unsafe, or holds no (or several) bundles
   */
  public static Path unpack(byte[] zip, Path root) throws IOException {
    long total = 0;
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries++;
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("archive entry '" + e.getName() + "' escapes the bundle directory");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        total += Files.copy(in, target);
        if (total > MAX_UNPACKED_BYTES) {
          throw new IOException("archive unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
        }
      }
    }
    if (entries == 0) {
      throw new IOException("archive is empty or not a zip file");
    }
    List<Path> manifests;
    try (Stream<Path> s = Files.walk(root, 4)) {
      manifests = s.filter(p -> p.getFileName().toString().equals(LEARNING_MANIFEST)).toList();
    }
    if (manifests.size() != 1) {
      throw new IOException("archive holds " + manifests.size() + " model bundles (" + LEARNING_MANIFEST
          + " files), expected exactly 1");
    }
    return manifests.get(0).getParent();
  }

  /** Uses an unpacked bundle directory; may fail, which {@link #withUnpacked} passes on. */
  @FunctionalInterface
  public interface DirectoryUse {
    /**
     * @param bundleDir the isac-learning bundle directory; deleted once this returns or throws
     */
    void accept(Path bundleDir) throws IOException;
  }

  /**
   * Unpacks {@code zip} into a fresh temporary directory, hands the bundle directory in it to
   * {@code use}, then deletes the temporary directory whatever happened: a loaded model holds its
   * parameters in memory, so nothing needs the files afterwards.
   *
   * @param zip the archive bytes as downloaded (or as cached)
   * @param tempDirPrefix prefix of the temporary directory's name, to tell its owner in /tmp
   * @throws IOException when the archive cannot be unpacked ({@link #unpack}) or {@code use} fails
   */
  public static void withUnpacked(byte[] zip, String tempDirPrefix, DirectoryUse use) throws IOException {
    Path dir = Files.createTempDirectory(tempDirPrefix);
    try {
      use.accept(unpack(zip, dir));
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Deletes {@code dir} recursively; never throws. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a leftover temp directory is harmless
    }
  }
}
