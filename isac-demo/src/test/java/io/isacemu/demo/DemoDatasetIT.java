package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.pickle.MultiBenchPickleWriter;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run.sh --dataset FILE}: one pickle (MultiBench layout, written here from a synthetic set
 * with another seed and other sizes than the embedded default) drives the training job, the BS's
 * catalog and the three devices; they agree on its fingerprint (else the BS would refuse the
 * devices at Register), and the experiment addresses the pickle's test ids.
 */
class DemoDatasetIT {

  private static final Pattern DATASET_LINE =
      Pattern.compile("dataset (\\S+ \\((?:MULTIBENCH|MMSA)\\)): .*fingerprint ([0-9a-f]{64})");

  /**
   * An MMSA {@code unaligned_50.pkl}-style file (keys as MMSA writes them, see
   * isac-data/src/test/python/make_fixtures.py) with its own T_m per modality: text 12×8, audio
   * 30×5, vision 20×6; N = 120/40/24; the text mean carries the label. Args: output path.
   */
  private static final String MMSA_UNALIGNED = """
      import pickle, sys
      import numpy as np
      rng = np.random.default_rng(5)
      def split(n, first):
          y = rng.uniform(-3, 3, size=n).astype(np.float32)
          text = (rng.normal(size=(n, 12, 8)) * 0.5 + (y / 3.0)[:, None, None]).astype(np.float32)
          return {"raw_text": np.array(["utterance %d" % (first + i) for i in range(n)], dtype=object),
                  "text": text,
                  "audio": rng.normal(size=(n, 30, 5)).astype(np.float32),
                  "vision": rng.normal(size=(n, 20, 6)).astype(np.float32),
                  "audio_lengths": np.full(n, 30, dtype=np.int64),
                  "vision_lengths": np.full(n, 20, dtype=np.int64),
                  "regression_labels": y,
                  "classification_labels": np.sign(y).astype(np.float32) + 1,
                  "id": np.array(["vid%03d$_$%d" % (first + i, i % 3) for i in range(n)], dtype=object)}
      data = {"train": split(120, 0), "valid": split(40, 200), "test": split(24, 400)}
      with open(sys.argv[1], "wb") as f:
          pickle.dump(data, f, protocol=4)
      """;

  @TempDir Path dir;

  @Test
  void onePickleDrivesTrainingTheBsAndTheDevices() throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    MultimodalDataset data = SyntheticDataset.generate(
        SyntheticConfig.defaults().withSeed(11).withSizes(240, 60, 40).withSequenceLength(12));
    Path pickle = dir.resolve("data/own.pkl");
    Files.createDirectories(pickle.getParent());
    MultiBenchPickleWriter.write(data, pickle);
    Path out = dir.resolve("out");
    DemoArgs args = new DemoArgs(repo, out, 16, 2, 0.5, Optional.empty(), UUID.randomUUID().toString(),
        DemoDataset.pickle(pickle.toString(), false, true), Optional.empty(), Set.of());
    DemoLauncher demo = new DemoLauncher(args);
    try {
      demo.run();
    } finally {
      demo.stopAll();
    }
    // every service logged the same file and fingerprint (the BS admitted the devices on it)
    Set<String> seen = Files.list(out.resolve("logs")).filter(p -> p.toString().endsWith(".log")
        && !p.getFileName().toString().startsWith("training")).map(DemoDatasetIT::datasetLine)
        .collect(Collectors.toSet());
    assertThat(seen).hasSize(1);
    assertThat(seen.iterator().next()).startsWith("own.pkl (MULTIBENCH) ");
    // the experiment ran the pickle's first 16 test ids in every mode
    List<String> lines = Files.readAllLines(out.resolve("samples.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int col = header.indexOf("sample_id");
    assertThat(col).as("sample_id column in " + header).isGreaterThanOrEqualTo(0);
    Set<String> ids = lines.stream().skip(1).map(l -> l.split(",")[col]).collect(Collectors.toSet());
    Set<String> expected = java.util.stream.IntStream.range(0, 16).mapToObj(i -> data.test().id(i))
        .collect(Collectors.toSet());
    assertThat(ids).isEqualTo(expected);
    assertThat(lines).hasSize(1 + 16 * ExperimentStep.MODES.size());
  }

  /**
   * Done-when of "real data end to end": an MMSA unaligned file whose modalities have different
   * T_m drives training, the devices and the BS in all six modes; the BS's tasks ran the file's
   * first test samples with the file's labels, and the reported Acc-2 is the one recomputed from
   * samples.csv.
   */
  @Test
  void anUnalignedMmsaPickleRunsEndToEndInEveryMode() throws Exception {
    Path repo = Path.of(System.getProperty("isac.repo", "..")).toAbsolutePath().normalize();
    Path pickle = dir.resolve("mmsa/unaligned_small.pkl");
    Files.createDirectories(pickle.getParent());
    Process py = new ProcessBuilder("python3", "-c", MMSA_UNALIGNED, pickle.toString()).redirectErrorStream(true).start();
    String pyOut = new String(py.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(py.waitFor()).as("python3 with numpy writes the MMSA fixture: " + pyOut).isZero();
    MultimodalDataset data = io.isacemu.data.pickle.PickleDatasetReader.read(pickle,
        io.isacemu.data.pickle.ReadOptions.defaults());
    assertThat(data.test().aligned()).isFalse();
    assertThat(data.test().sequenceLength(io.isacemu.core.modality.Modality.TEXT)).isEqualTo(12);
    assertThat(data.test().sequenceLength(io.isacemu.core.modality.Modality.AUDIO)).isEqualTo(30);
    assertThat(data.test().sequenceLength(io.isacemu.core.modality.Modality.VIDEO)).isEqualTo(20);
    Path out = dir.resolve("out-mmsa");
    DemoArgs args = new DemoArgs(repo, out, 16, 2, 0.5, Optional.empty(), UUID.randomUUID().toString(),
        DemoDataset.pickle(pickle.toString(), false, true), Optional.empty(), Set.of());
    DemoLauncher demo = new DemoLauncher(args);
    try {
      demo.run();
    } finally {
      demo.stopAll();
    }
    Set<String> seen = Files.list(out.resolve("logs")).filter(p -> p.toString().endsWith(".log")
        && !p.getFileName().toString().startsWith("training")).map(DemoDatasetIT::datasetLine)
        .collect(Collectors.toSet());
    assertThat(seen).hasSize(1);
    assertThat(seen.iterator().next()).startsWith("unaligned_small.pkl (MMSA) " + data.fingerprint());

    List<String> lines = Files.readAllLines(out.resolve("samples.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int idCol = header.indexOf("sample_id");
    int modeCol = header.indexOf("mode");
    int labelCol = header.indexOf("label");
    int predCol = header.indexOf("prediction");
    assertThat(List.of(idCol, modeCol, labelCol, predCol)).as("columns in " + header).allMatch(c -> c >= 0);
    java.util.Map<String, Float> fileLabels = new java.util.HashMap<>();
    for (int i = 0; i < data.test().size(); i++) {
      fileLabels.put(data.test().id(i), data.test().label(i));
    }
    Set<String> expected = java.util.stream.IntStream.range(0, 16).mapToObj(i -> data.test().id(i))
        .collect(Collectors.toSet());
    assertThat(lines).hasSize(1 + 16 * ExperimentStep.MODES.size());
    // per mode: the file's first 16 test ids, their labels, and Acc-2 (has-zero) over the served ones
    java.util.Map<String, int[]> correctAndServed = new java.util.HashMap<>();
    java.util.Map<String, Set<String>> idsByMode = new java.util.HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      String id = f[idCol];
      idsByMode.computeIfAbsent(f[modeCol], k -> new java.util.HashSet<>()).add(id);
      assertThat(Double.parseDouble(f[labelCol])).as("label of " + id)
          .isCloseTo(fileLabels.get(id), org.assertj.core.data.Offset.offset(1e-6));
      int[] cs = correctAndServed.computeIfAbsent(f[modeCol], k -> new int[2]);
      if (!f[predCol].isEmpty()) {
        double pred = Double.parseDouble(f[predCol]);
        cs[0] += (fileLabels.get(id) >= 0) == (pred >= 0) ? 1 : 0;
        cs[1]++;
      }
    }
    assertThat(idsByMode.keySet()).containsExactlyInAnyOrderElementsOf(ExperimentStep.MODES);
    idsByMode.forEach((mode, ids) -> assertThat(ids).as(mode).isEqualTo(expected));
    com.fasterxml.jackson.databind.JsonNode table = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("table1.json").toFile()).path("rows");
    assertThat(table.size()).isEqualTo(ExperimentStep.MODES.size());
    for (com.fasterxml.jackson.databind.JsonNode row : table) {
      int[] cs = correctAndServed.get(row.path("mode").asText());
      assertThat(cs).as("samples.csv rows of " + row.path("mode").asText()).isNotNull();
      assertThat(cs[1]).as("served samples of " + row.path("mode").asText()).isPositive()
          .isEqualTo(row.path("samples").asInt());
      assertThat(row.path("acc2").asDouble()).as("reported Acc-2 of " + row.path("mode").asText())
          .isCloseTo((double) cs[0] / cs[1], org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  private static String datasetLine(Path log) {
    try {
      Matcher m = DATASET_LINE.matcher(Files.readString(log));
      assertThat(m.find()).as("dataset line in " + log).isTrue();
      return m.group(1) + " " + m.group(2);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
