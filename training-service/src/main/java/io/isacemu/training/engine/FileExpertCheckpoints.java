package io.isacemu.training.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.learning.ExpertCheckpoints;
import io.isacemu.learning.TrainingResult;
import io.isacemu.training.store.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Stage-I experts kept in a job's checkpoint directory: {@code expert-<i>-<name>.params} (DJL's
 * parameter encoding) and {@code expert-<i>-<name>.json} (its result), each written durably; the
 * JSON last, so a present JSON means a whole checkpoint. A checkpoint that cannot be read is
 * ignored (the expert trains again) and logged by the caller's listener.
 */
final class FileExpertCheckpoints implements ExpertCheckpoints {

  private final Path dir;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  FileExpertCheckpoints(Path dir) {
    this.dir = dir;
  }

  private Path base(int index, String name) {
    return dir.resolve("expert-" + index + "-" + name.replace('+', '_'));
  }

  @Override
  public Optional<Saved> load(int index, String name) {
    Path meta = base(index, name).resolveSibling(base(index, name).getFileName() + ".json");
    Path params = base(index, name).resolveSibling(base(index, name).getFileName() + ".params");
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(params)) {
      return Optional.empty();
    }
    try {
      TrainingResult.ExpertResult r = json.readValue(meta.toFile(), TrainingResult.ExpertResult.class);
      if (!r.name().equals(name)) {
        return Optional.empty();
      }
      return Optional.of(new Saved(r, Files.readAllBytes(params)));
    } catch (IOException e) {
      return Optional.empty(); // unreadable: train it again
    }
  }

  @Override
  public void save(int index, Saved expert) {
    try {
      Files.createDirectories(dir);
      Path b = base(index, expert.result().name());
      DurableFiles.write(b.resolveSibling(b.getFileName() + ".params"), expert.params());
      DurableFiles.write(b.resolveSibling(b.getFileName() + ".json"), json.writeValueAsBytes(expert.result()));
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint of expert " + expert.result().name() + " in " + dir, e);
    }
  }
}
