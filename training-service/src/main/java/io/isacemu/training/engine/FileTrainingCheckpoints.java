package io.isacemu.training.engine;

import io.isacemu.learning.TrainingCheckpoints;
import io.isacemu.proto.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job's {@link TrainingCheckpoints} in its checkpoint directory: one file {@code <key>.ckpt} per
 * stage-I expert, replaced after every epoch through {@link DurableFiles} (written to a temporary
 * file, fsynced, renamed over the old one, the directory fsynced), so after a crash the file holds
 * the last completed epoch, whole. The bytes are isac-learning's (checksummed: a damaged file is
 * ignored there and that expert trains again). The service deletes the directory once the job ends.
 */
final class FileTrainingCheckpoints implements TrainingCheckpoints {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private final Path dir;

  FileTrainingCheckpoints(Path dir) {
    this.dir = dir;
  }

  private Path file(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("key: '" + key + "' is not a plain file name ([A-Za-z0-9_-], ≤ 100)");
    }
    return dir.resolve(key + ".ckpt");
  }

  @Override
  public Optional<byte[]> load(String key) {
    Path f = file(key);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(f));
    } catch (IOException e) {
      return Optional.empty(); // unreadable: that expert trains again
    }
  }

  @Override
  public void save(String key, byte[] checkpoint) {
    try {
      Files.createDirectories(dir);
      DurableFiles.write(file(key), checkpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint " + key + " in " + dir, e);
    }
  }
}
