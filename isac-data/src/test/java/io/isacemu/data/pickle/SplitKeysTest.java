package io.isacemu.data.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.data.DatasetSettings;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file whose splits sit under other top-level keys ({@code dev} for valid) is read by naming them. */
class SplitKeysTest {

  @TempDir Path dir;

  @Test
  void renamedSplitsAreReadThroughTheMappingAndRefusedWithoutIt() throws Exception {
    MultimodalDataset data = SyntheticDataset.generate(SyntheticConfig.defaults().withSizes(6, 4, 5));
    Path f = dir.resolve("d.pkl");
    MultiBenchPickleWriter.write(data, f);
    Map<Object, Object> root;
    try (InputStream in = Files.newInputStream(f)) {
      root = new HashMap<>((Map<?, ?>) PickleLoader.load(in, "d.pkl"));
    }
    root.put("dev", root.remove("valid"));

    ReadOptions mapped = ReadOptions.defaults().withSplitKeys(Map.of("valid", "dev"));
    MultimodalDataset read = PickleDatasetReader.fromPickle(root, "d.pkl", mapped);
    assertThat(read.fingerprint()).isEqualTo(PickleDatasetReader.read(f, ReadOptions.defaults()).fingerprint());
    assertThat(read.valid().size()).isEqualTo(4);
    assertThatThrownBy(() -> PickleDatasetReader.fromPickle(root, "d.pkl", ReadOptions.defaults()))
        .hasMessageStartingWith("key 'valid' missing at top level");
    assertThatThrownBy(() -> PickleDatasetReader.fromPickle(root, "d.pkl",
        ReadOptions.defaults().withSplitKeys(Map.of("valid", "eval"))))
        .hasMessageStartingWith("key 'eval' (split valid) missing at top level");
  }

  @Test
  void aBadMappingNamesTheRole() {
    assertThatThrownBy(() -> ReadOptions.defaults().withSplitKeys(Map.of("dev", "valid")))
        .hasMessage("splits.dev: 'dev' is no split (expected train, valid or test)");
    assertThatThrownBy(() -> ReadOptions.defaults().withSplitKeys(Map.of("valid", "test")))
        .hasMessage("splits.valid: 'test' is also the key of split test");
    assertThatThrownBy(() -> ReadOptions.defaults().withSplitKeys(Map.of("test", " ")))
        .hasMessage("splits.test: '' must name the file's top-level key");
    assertThat(ReadOptions.defaults().withSplitKeys(Map.of("valid", "valid"))).isEqualTo(ReadOptions.defaults());
    DatasetSettings s = new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null,
        "x.pkl", null, null, null, null, null, Map.of("valid", "dev"));
    assertThat(s.readOptions().splitKey("valid")).isEqualTo("dev");
    assertThat(s.readOptions().splitKey("test")).isEqualTo("test");
  }
}
