package io.isacemu.device.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  @Test
  void syntheticMatchesTheGeneratorWithTheSameConfig() {
    DeviceProperties.Dataset spec =
        new DeviceProperties.Dataset("synthetic", 3, 20, 5, 5, 10, "", "any", false);
    MultimodalDataset loaded = DatasetLoader.load(spec);
    MultimodalDataset direct = SyntheticDataset.generate(
        SyntheticConfig.defaults().withSeed(3).withSizes(20, 5, 5).withSequenceLength(10));
    assertThat(loaded.fingerprint()).isEqualTo(direct.fingerprint());
  }

  @Test
  void unreadablePickleNamesThePath(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.pkl");
    DeviceProperties.Dataset spec =
        new DeviceProperties.Dataset("pickle", 0, 1, 1, 1, 1, missing.toString(), "mosei", false);
    assertThatThrownBy(() -> DatasetLoader.load(spec))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataset.path").hasMessageContaining("missing.pkl");

    Path garbage = Files.write(dir.resolve("garbage.pkl"), new byte[] {1, 2, 3});
    DeviceProperties.Dataset bad =
        new DeviceProperties.Dataset("pickle", 0, 1, 1, 1, 1, garbage.toString(), "any", false);
    assertThatThrownBy(() -> DatasetLoader.load(bad))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("garbage.pkl");
  }
}
