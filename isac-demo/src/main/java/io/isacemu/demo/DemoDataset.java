package io.isacemu.demo;

import io.isacemu.data.DatasetSettings;
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
 * @param format pickle: the layout every service requires, {@code auto} (detected), {@code multibench}
 *     or {@code mmsa} (isac-data {@code DatasetSettings.format})
 * @param clipLabels pickle: clip labels outside [−3, 3] in every service alike (else they refuse the file)
 * @param splits pickle: the file's top-level key per split role renamed (e.g. valid → dev), alike everywhere
 */
record DemoDataset(Optional<Path> pickle, boolean dropAllZeroText, String format, boolean clipLabels,
    Map<String, String> splits) {

  /** The embedded synthetic default (600 test samples). */
  static final DemoDataset SYNTHETIC = new DemoDataset(Optional.empty(), false, "auto", false, Map.of());

  /** Test samples of the synthetic default. */
  static final int SYNTHETIC_TEST_SIZE = 600;

  DemoDataset {
    pickle = pickle.map(p -> p.toAbsolutePath().normalize());
    // the shared record validates format, naming it (the same check every service makes at start)
    splits = new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null, "x", format,
        null, null, null, null, splits).splits();
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
    return new DemoDataset(Optional.of(p), dropAllZeroText, "auto", false, Map.of());
  }

  /** This pickle with the layout {@code format} required and out-of-range labels clipped or refused. */
  DemoDataset with(String format, boolean clipLabels) {
    return new DemoDataset(pickle, dropAllZeroText, format, clipLabels, splits);
  }

  /** This pickle read with split role → top-level key {@code splits}. */
  DemoDataset withSplits(Map<String, String> splits) {
    return new DemoDataset(pickle, dropAllZeroText, format, clipLabels, splits);
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
      d.put("format", format);
      d.put("clipLabels", clipLabels);
      if (!splits.isEmpty()) {
        d.put("splits", splits);
      }
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
    if (pickle.isEmpty()) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>(List.of(prefix + "source=pickle", prefix + "path=" + pickle.get(),
        prefix + "drop-all-zero-text=" + dropAllZeroText, prefix + "format=" + format,
        prefix + "clip-labels=" + clipLabels));
    splits.forEach((role, key) -> out.add(prefix + "splits." + role + "=" + key));
    return out;
  }

  /** For the log. */
  String describe() {
    return pickle.map(p -> "pickle " + p + (format.equals("auto") ? "" : " (" + format + ")")
            + (dropAllZeroText ? " (all-zero text dropped)" : "") + (clipLabels ? " (labels clipped to [-3, 3])" : ""))
        .orElse("the embedded synthetic default");
  }
}
