package io.isacemu.proto;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that survive a power loss: the file's bytes are forced to the device, then the file is
 * moved into place atomically, then its directory is forced too (a rename lives in the directory).
 * Bundles and checkpoints go through here before anything announces them (the training service's
 * bundle store and checkpoints, the BS's bundle cache).
 */
public final class DurableFiles {

  private DurableFiles() {}

  /** Writes {@code bytes} to {@code target} durably and atomically (readers see old or new, whole). */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    force(tmp);
    moveDurably(tmp, target);
  }

  /** Forces a written file's content and metadata to the storage device. */
  public static void force(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }

  /** Renames {@code from} to {@code to} atomically and forces the directory that holds the new name. */
  public static void moveDurably(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(to.toAbsolutePath().getParent());
  }

  /** Forces a directory's entries (Linux: fsync on the directory; where that is refused, a no-op). */
  public static void forceDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory for fsync; the rename itself is still atomic
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }
}
