package io.isacemu.training.bundle;

import io.isacemu.core.digest.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.proto.BundleArchive;
import io.isacemu.proto.DurableFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published model bundles in one directory: {@code <version>.zip} plus {@code <version>.sha256}
 * (in {@code sha256sum} format, so {@code sha256sum -c} checks it).
 *
 * <p>Atomic publication: a job trains into a work directory {@code .work-*} inside the store; on
 * success the directory is zipped (with a {@value #MANIFEST} entry) to a hidden temporary file
 * while hashing, the checksum file is moved into place, then the archive is moved to {@code
 * <version>.zip} with {@code ATOMIC_MOVE}. Only then is the bundle indexed and announced, so a
 * reader never sees a partial bundle. On start the store re-verifies every archive against its
 * checksum and skips (with a warning) any corrupt or incomplete one; leftovers of interrupted runs
 * are deleted.
 */
public class BundleStore {

  /** Name of the manifest entry the store adds to every archive. */
  public static final String MANIFEST = BundleArchive.ARCHIVE_MANIFEST;

  private static final Logger log = LoggerFactory.getLogger(BundleStore.class);
  private static final String WORK_PREFIX = ".work-";
  private static final Comparator<PublishedBundle> ORDER =
      Comparator.comparing(PublishedBundle::createdAt).thenComparing(PublishedBundle::version);

  private final Path root;
  private final Clock clock;
  private final ObjectMapper json;
  private final TreeMap<String, PublishedBundle> byVersion = new TreeMap<>();
  private final List<Consumer<PublishedBundle>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Opens (creating if needed) the store at {@code root} and indexes its verified bundles.
   *
   * @throws UncheckedIOException when the directory cannot be created or read
   */
  public BundleStore(Path root, Clock clock, ObjectMapper json) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
    this.json = json;
    try {
      Files.createDirectories(this.root);
      cleanLeftovers();
      scan();
    } catch (IOException e) {
      throw new UncheckedIOException("bundle store " + this.root + ": " + e.getMessage(), e);
    }
  }

  /** The store's directory. */
  public Path root() {
    return root;
  }

  /** A fresh, empty work directory inside the store for one training run. */
  public Path newWorkDir(String label) throws IOException {
    return Files.createTempDirectory(root, WORK_PREFIX + label + "-");
  }

  /** Deletes a work directory (after a failed or cancelled run); never throws. */
  public void discard(Path workDir) {
    try {
      deleteRecursively(workDir);
    } catch (IOException e) {
      log.warn("could not delete work directory {}: {}", workDir, e.toString());
    }
  }

  /**
   * Packs {@code workDir} into {@code <version>.zip}, publishes it atomically, deletes {@code
   * workDir} and announces the bundle to subscribers.
   *
   * @param workDir a directory made by {@link #newWorkDir}
   * @param version new version, valid and not yet published
   * @param preset preset name recorded in the manifest
   * @param expertNames experts in gate-logit order
   * @param metadata free-form metadata (serialised as a JSON object)
   * @throws IllegalStateException when the version already exists
   */
  public PublishedBundle publish(
      Path workDir, String version, String preset, List<String> expertNames, Map<String, ?> metadata)
      throws IOException {
    BundleVersions.requireValid(version);
    Path zip = root.resolve(version + ".zip");
    Path shaFile = root.resolve(version + ".sha256");
    synchronized (this) {
      if (byVersion.containsKey(version) || Files.exists(zip)) {
        throw new IllegalStateException("version: '" + version + "' is already published");
      }
    }
    Instant createdAt = clock.instant();
    String metadataJson = json.writeValueAsString(metadata);
    ObjectNode manifest = json.createObjectNode();
    manifest.put("version", version);
    manifest.put("createdAt", createdAt.toString());
    manifest.put("preset", preset);
    manifest.set("expertNames", json.valueToTree(expertNames));
    manifest.set("metadata", json.readTree(metadataJson));

    Path tmpZip = root.resolve("." + version + ".zip.tmp");
    Path tmpSha = root.resolve("." + version + ".sha256.tmp");
    MessageDigest digest = Sha256.newDigest();
    try (OutputStream file = Files.newOutputStream(tmpZip);
        DigestOutputStream hashing = new DigestOutputStream(new BufferedOutputStream(file), digest);
        ZipOutputStream out = new ZipOutputStream(hashing)) {
      BundleArchive.write(out, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest), workDir, createdAt);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmpZip);
      throw e;
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    Files.writeString(tmpSha, sha + "  " + zip.getFileName() + "\n", StandardCharsets.US_ASCII);
    // On the device before they are visible, and visible durably before anyone is told (a bundle
    // reported SUCCEEDED must not vanish in a power loss); the checksum first, so that an archive is
    // never visible without the checksum that vouches for it.
    DurableFiles.force(tmpZip);
    DurableFiles.force(tmpSha);
    DurableFiles.moveDurably(tmpSha, shaFile);
    DurableFiles.moveDurably(tmpZip, zip);
    PublishedBundle bundle =
        new PublishedBundle(
            version, createdAt, Files.size(zip), sha, preset, expertNames, metadataJson, zip);
    synchronized (this) {
      byVersion.put(version, bundle);
    }
    discard(workDir);
    log.info("published bundle {} ({} bytes, sha256 {})", version, bundle.sizeBytes(), sha);
    for (Consumer<PublishedBundle> l : listeners) {
      try {
        l.accept(bundle);
      } catch (RuntimeException e) {
        log.warn("bundle listener failed on {}: {}", version, e.toString());
      }
    }
    return bundle;
  }

  /** Every published bundle, oldest first. */
  public synchronized List<PublishedBundle> list() {
    List<PublishedBundle> all = new ArrayList<>(byVersion.values());
    all.sort(ORDER);
    return all;
  }

  /** The newest bundle, if any. */
  public synchronized Optional<PublishedBundle> latest() {
    return byVersion.values().stream().max(ORDER);
  }

  /** The bundle of {@code version}, if published. */
  public synchronized Optional<PublishedBundle> find(String version) {
    return Optional.ofNullable(byVersion.get(version));
  }

  /** Opens a published bundle's archive for reading. */
  public InputStream open(PublishedBundle bundle) throws IOException {
    return Files.newInputStream(bundle.archive());
  }

  /**
   * Calls {@code listener} with every bundle published from now on, on the publishing thread.
   *
   * @return closing it ends the subscription
   */
  public AutoCloseable subscribe(Consumer<PublishedBundle> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void scan() throws IOException {
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(root, "*.zip")) {
      for (Path zip : zips) {
        String name = zip.getFileName().toString();
        String version = name.substring(0, name.length() - ".zip".length());
        if (name.startsWith(".") || !BundleVersions.isValid(version)) {
          continue;
        }
        verified(zip, version).ifPresent(b -> byVersion.put(version, b));
      }
    }
    log.info("bundle store {}: {} verified bundle(s)", root, byVersion.size());
  }

  private Optional<PublishedBundle> verified(Path zip, String version) {
    Path shaFile = root.resolve(version + ".sha256");
    try {
      if (!Files.exists(shaFile)) {
        log.warn("skipping bundle {}: no checksum file {}", zip, shaFile.getFileName());
        return Optional.empty();
      }
      String expected = Files.readString(shaFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
      String actual = Sha256.hexOf(zip);
      if (!actual.equals(expected)) {
        log.warn("skipping corrupt bundle {}: sha256 {} but checksum file says {}", zip, actual, expected);
        return Optional.empty();
      }
      JsonNode manifest;
      try (ZipFile zf = new ZipFile(zip.toFile())) {
        ZipEntry entry = zf.getEntry(MANIFEST);
        if (entry == null) {
          log.warn("skipping bundle {}: no {} entry", zip, MANIFEST);
          return Optional.empty();
        }
        try (InputStream in = zf.getInputStream(entry)) {
          manifest = json.readTree(in);
        }
      }
      List<String> experts = new ArrayList<>();
      manifest.path("expertNames").forEach(n -> experts.add(n.asText()));
      return Optional.of(
          new PublishedBundle(
              version,
              Instant.parse(manifest.path("createdAt").asText()),
              Files.size(zip),
              actual,
              manifest.path("preset").asText(),
              experts,
              json.writeValueAsString(manifest.path("metadata")),
              zip));
    } catch (IOException | RuntimeException e) {
      log.warn("skipping unreadable bundle {}: {}", zip, e.toString());
      return Optional.empty();
    }
  }

  private void cleanLeftovers() throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*")) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(WORK_PREFIX) || name.endsWith(".tmp")) {
          log.info("deleting leftover of an interrupted run: {}", p);
          deleteRecursively(p);
        }
      }
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

}
