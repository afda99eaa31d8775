package io.isacemu.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's data: the embedded synthetic default, or one pickle file that the training service,
 * the BS and every device read alike (the same keys, the same {@code dropAllZeroText}), so that
 * their fingerprints agree and the BS admits the devices.
 *
 * @param pickle the pickle file; empty = the synthetic default
 * @param dropAllZeroText pickle: drop samples whose text is all zero, in every service alike
 */
record DemoDataset(Optional<Path> pickle, boolean dropAllZeroText) {

  /** The embedded synthetic default (600 test samples). */
  static final DemoDataset SYNTHETIC = new DemoDataset(Optional.empty(), false);

  /** Test samples of the synthetic default. */
  static final int SYNTHETIC_TEST_SIZE = 600;

  DemoDataset {
    pickle = pickle.map(p -> p.toAbsolutePath().normalize());
  }

  /**
   * A pickle named on the command line; in local mode it must exist (attach mode names the file as
   * the services see it, so only its name is used).
   *
   * @throws IllegalArgumentException naming {@code dataset} and the path
   */
  static DemoDataset pickle(String path, boolean dropAllZeroText, boolean mustExist) {
    if (path.isBlank()) {
      throw new IllegalArgumentException("dataset: '' is not a file");
    }
    Path p = Path.of(path);
    if (mustExist && !Files.isRegularFile(p)) {
      throw new IllegalArgumentException("dataset: '" + path + "' is not a readable file");
    }
    return new DemoDataset(Optional.of(p), dropAllZeroText);
  }

  boolean isSynthetic() {
    return pickle.isEmpty();
  }

  /** The training job's {@code dataset} field: the file is named inside the training data directory. */
  Map<String, Object> trainingJobDataset() {
    Map<String, Object> d = new LinkedHashMap<>();
    if (pickle.isEmpty()) {
      d.putAll(Map.of("type", "synthetic", "seed", 7, "trainSize", 1200, "validSize", 300, "testSize",
          SYNTHETIC_TEST_SIZE, "sequenceLength", 20));
    } else {
      d.put("type", "pickle");
      d.put("path", pickle.get().getFileName().toString());
      d.put("dropAllZeroText", dropAllZeroText);
    }
    return d;
  }

  /** The training service's data directory option (local mode): the pickle's directory. */
  List<String> trainingArgs() {
    return pickle.map(p -> List.of("--isac.training.data-dir=" + p.getParent())).orElse(List.of());
  }

  /**
   * The shared dataset keys ({@code io.isacemu.data.DatasetSettings}) under {@code prefix}, e.g.
   * {@code --isac.bs.dataset.} or {@code --isac.device.dataset.}.
   */
  List<String> serviceArgs(String prefix) {
    return pickle.map(p -> List.of(prefix + "source=pickle", prefix + "path=" + p,
        prefix + "drop-all-zero-text=" + dropAllZeroText)).orElse(List.of());
  }

  /** For the log. */
  String describe() {
    return pickle.map(p -> "pickle " + p + (dropAllZeroText ? " (all-zero text dropped)" : ""))
        .orElse("the embedded synthetic default");
  }
}
