package io.isacemu.training.job;

import io.isacemu.core.validation.InvalidFieldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one directory a job may read a pickle from ({@code isac.training.data-dir}). A job names its
 * file by {@code dataset.path}; anything that resolves outside this directory — an absolute path
 * elsewhere, {@code ..}, or a symbolic link pointing out — is refused before any file is opened, so
 * the service never reads (nor echoes a parser's error about) a file the operator did not put there.
 */
public final class DataDirectory {

  /** No directory: every pickle is refused. */
  public static final DataDirectory NONE = new DataDirectory(Optional.empty());

  private final Optional<Path> root;

  private DataDirectory(Optional<Path> root) {
    this.root = root;
  }

  /** The directory {@code root} (need not exist yet; then nothing under it can be read). */
  public static DataDirectory at(Path root) {
    return new DataDirectory(Optional.of(root.toAbsolutePath().normalize()));
  }

  /**
   * The real path of the pickle that {@code requested} names under this directory.
   *
   * @throws IllegalArgumentException naming {@code field} and the value, when it is no regular file
   *     inside the directory
   */
  public Path resolve(String field, String requested) {
    Path dir = root.orElseThrow(() -> new InvalidFieldException(
        field, requested, "'" + requested + "' refused: no data directory is configured (isac.training.data-dir)"));
    Path path;
    try {
      path = Path.of(requested);
    } catch (InvalidPathException e) {
      throw new InvalidFieldException(field, requested, "'" + requested + "' is not a valid path", e);
    }
    Path lexical = dir.resolve(path).normalize();
    if (!lexical.startsWith(dir)) {
      throw outside(field, requested, dir);
    }
    if (!Files.isRegularFile(lexical)) {
      throw InvalidFieldException.rejected(field, requested, "is no file in the data directory " + dir);
    }
    try {
      Path real = lexical.toRealPath();
      if (!real.startsWith(dir.toRealPath())) { // a symbolic link pointing out
        throw outside(field, requested, dir);
      }
      return real;
    } catch (IOException e) {
      throw new InvalidFieldException(field, requested, "'" + requested + "' cannot be read in the data directory " + dir, e);
    }
  }

  private static IllegalArgumentException outside(String field, String requested, Path dir) {
    return InvalidFieldException.rejected(field, requested, "is outside the data directory " + dir
        + " (isac.training.data-dir); pickles are read only from there");
  }
}
