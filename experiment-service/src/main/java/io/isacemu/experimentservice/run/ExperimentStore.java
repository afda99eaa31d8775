package io.isacemu.experimentservice.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The experiments on disk: {@code <results dir>/<id>/experiment.json} next to the run's files. */
public final class ExperimentStore {

  static final String STATE = "experiment.json";

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
  private final Path root;

  public ExperimentStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("isac.experiments.results-dir: " + root + " cannot be created", e);
    }
  }

  /** The experiment's directory (ids are generated here, never taken from a request unchecked). */
  public Path dir(String id) {
    return root.resolve(id);
  }

  /** Written whole, then moved into place: a crash leaves the old file or the new one. */
  void save(ExperimentState s) {
    try {
      Path dir = Files.createDirectories(dir(s.id()));
      Path tmp = dir.resolve(STATE + ".tmp");
      Files.writeString(tmp, json.writeValueAsString(s));
      Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir(s.id()).resolve(STATE), e);
    }
  }

  /** Every stored experiment, oldest first. */
  List<ExperimentState> loadAll() {
    List<ExperimentState> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        Path f = d.resolve(STATE);
        if (Files.isRegularFile(f)) {
          out.add(json.readValue(f.toFile(), ExperimentState.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the experiments under " + root, e);
    }
    out.sort(Comparator.comparing(ExperimentState::submittedAt).thenComparing(ExperimentState::id));
    return out;
  }

  /** Removes a refused submission's directory. */
  void delete(String id) {
    try (Stream<Path> all = Files.walk(dir(id))) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir(id), e);
    }
  }
}
