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

  private static final Pattern DATASET_LINE = Pattern.compile("dataset (\\S+ \\(MULTIBENCH\\)): .*fingerprint ([0-9a-f]{64})");

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
