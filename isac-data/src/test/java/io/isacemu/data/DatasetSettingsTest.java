package io.isacemu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSettingsTest {

  private static DatasetSettings pickle(Path path, String format) {
    return new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null, path.toString(),
        format, null, null, null, null, null);
  }

  @Test
  void unsetKeysTakeTheGeneratorDefaults() {
    DatasetSettings none = new DatasetSettings(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
    assertThat(none).isEqualTo(DatasetSettings.DEFAULTS);
    assertThat(none.isSynthetic()).isTrue();
    assertThat(none.syntheticConfig()).isEqualTo(SyntheticConfig.defaults());
  }

  @Test
  void syntheticMatchesTheGeneratorWithTheSameConfigIncludingItsShares() {
    SyntheticConfig c = SyntheticConfig.defaults().withSeed(3).withSizes(20, 5, 5).withSequenceLength(10)
        .withShares(0.4, 0.4);
    DatasetSettings s = DatasetSettings.synthetic(c);
    assertThat(s.syntheticConfig()).isEqualTo(c);
    assertThat(s.load().fingerprint()).isEqualTo(SyntheticDataset.generate(c).fingerprint());
  }

  @Test
  void theProfileSetsTheStructureAndTheUnsetKeys() {
    DatasetSettings paper = new DatasetSettings(null, null, 30, 5, 5, 4, null, null, null, null, null, null,
        null, null, "paper", null, null, null);
    assertThat(paper.syntheticConfig()).isEqualTo(SyntheticConfig.paper().withSizes(30, 5, 5).withSequenceLength(4));
    assertThat(DatasetSettings.synthetic(SyntheticConfig.paper()).profile()).isEqualTo("paper");
    assertThat(DatasetSettings.DEFAULTS.profile()).isEqualTo("default");
    assertThatThrownBy(() -> new DatasetSettings(null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, "mosei", null, null, null)).hasMessageContaining("profile");
  }

  @Test
  void invalidSettingsNameTheFieldAndTheValue() {
    assertThatThrownBy(() -> new DatasetSettings("csv", null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null)).hasMessageContaining("source: 'csv' must be synthetic or pickle");
    assertThatThrownBy(() -> new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null,
        "", null, null, null, null, null, null)).hasMessageContaining("path: '' is required when source is pickle");
    assertThatThrownBy(() -> pickle(Path.of("x.pkl"), "csv"))
        .hasMessageContaining("format: 'csv' must be auto, multibench or mmsa");
    assertThatThrownBy(() -> pickle(Path.of("x.pkl"), "mosei"))
        .hasMessage("format: 'mosei' must be auto, multibench or mmsa (the feature-dimension check is now featureDims: mosei)");
    assertThatThrownBy(() -> new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null,
        "x.pkl", null, null, null, "large", null, null)).hasMessage("featureDims: 'large' must be any or mosei");
    assertThatThrownBy(() -> new DatasetSettings(null, null, -1, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null)).hasMessageContaining("trainSize");
  }

  @Test
  void anUnreadablePickleNamesThePath(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.pkl");
    assertThatThrownBy(() -> pickle(missing, "multibench").load())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("path: ").hasMessageContaining("missing.pkl");
    Path garbage = Files.write(dir.resolve("garbage.pkl"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> pickle(garbage, "auto").load())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("garbage.pkl");
  }

  @Test
  void formatIsTheLayoutAndIsCheckedAgainstTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mb.pkl");
    io.isacemu.data.pickle.MultiBenchPickleWriter.write(
        io.isacemu.data.synthetic.SyntheticDataset.generate(SyntheticConfig.defaults().withSizes(4, 3, 3)), f);
    MultimodalDataset auto = pickle(f, "auto").load();
    assertThat(pickle(f, "multibench").load().fingerprint()).isEqualTo(auto.fingerprint());
    assertThat(pickle(f, null).format()).isEqualTo("auto");
    assertThatThrownBy(() -> pickle(f, "mmsa").load()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mb.pkl: train has the MULTIBENCH layout (no key 'regression_labels') but format mmsa was given");
    assertThatThrownBy(() -> pickle(f, "mmsa").loadSummary()).hasMessageContaining("but format mmsa was given");
  }

  @Test
  void clipLabelsAndFeatureDimsReachTheReader() {
    DatasetSettings s = new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null,
        "x.pkl", "mmsa", true, null, "mosei", true, null);
    assertThat(s.readOptions().clipLabels()).isTrue();
    assertThat(s.readOptions().dropAllZeroText()).isTrue();
    assertThat(s.readOptions().expectedFeatureDims()).contains(io.isacemu.data.pickle.ReadOptions.MOSEI_DIMS);
    assertThat(s.readOptions().expectedLayout()).contains(io.isacemu.data.pickle.PickleDatasetReader.Layout.MMSA);
    assertThat(pickle(Path.of("x.pkl"), null).readOptions()).isEqualTo(io.isacemu.data.pickle.ReadOptions.defaults());
  }

  @Test
  void splitsThatDisagreeOnOneModalitysLengthAreRefusedNamingFileSplitKeyAndBothShapes() throws Exception {
    Path f = Path.of(getClass().getResource("/fixtures/mmsa_unaligned_valid_audio_t8.pkl").toURI());
    // labels-only (the BS) and full reads (training, devices) refuse it the same way
    assertThatThrownBy(() -> pickle(f, "auto").load())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mmsa_unaligned_valid_audio_t8.pkl")
        .hasMessageContaining("valid.audio: shape [2, 8, 4] found, expected [N, 7, 4] as in train");
    assertThatThrownBy(() -> io.isacemu.data.pickle.PickleDatasetReader.readSummary(f,
        io.isacemu.data.pickle.ReadOptions.defaults()))
        .hasMessageContaining("valid.audio: shape [2, 8, 4] found, expected [N, 7, 4] as in train");
  }
}
