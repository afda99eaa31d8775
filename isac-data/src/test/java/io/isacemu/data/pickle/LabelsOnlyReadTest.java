package io.isacemu.data.pickle;

import static io.isacemu.data.pickle.PickleDatasetReaderTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.DatasetSummary;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.SplitSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The labels-only read ({@link PickleDatasetReader#readSummary}) gives what the full read gives,
 * except the features (same ids, labels, layouts, report and fingerprint), and refuses what the
 * full read refuses, with the same messages.
 */
class LabelsOnlyReadTest {

  private static final String[] READABLE = {
    "multibench_f32.pkl", "multibench_f64.pkl", "multibench_mixed_layouts.pkl", "mmsa_aligned.pkl",
    "mmsa_unaligned.pkl", "mmsa_text_bert.pkl", "numpy1_globals.pkl", "numpy2_globals.pkl", "protocol5.pkl"
  };

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyFixtureGivesTheFullReadsIdsLabelsLayoutsReportAndFingerprint(boolean dropAllZeroText)
      throws IOException {
    ReadOptions o = ReadOptions.defaults().withDropAllZeroText(dropAllZeroText);
    for (String name : READABLE) {
      MultimodalDataset full = PickleDatasetReader.read(fixture(name), o);
      DatasetSummary labels = PickleDatasetReader.readSummary(fixture(name), o);
      assertThat(labels.fingerprint()).as(name).isEqualTo(full.fingerprint());
      assertThat(labels.name()).isEqualTo(full.name());
      assertThat(labels.report()).as(name).isEqualTo(full.report());
      assertSame(name + " train", labels.train(), full.train());
      assertSame(name + " valid", labels.valid(), full.valid());
      assertSame(name + " test", labels.test(), full.test());
      assertThat(labels).isEqualTo(DatasetSummary.of(full));
    }
  }

  @Test
  void mixedLayoutsExerciseFortranOrderBigEndianIntegersAndDropping() throws IOException {
    ReadOptions drop = ReadOptions.defaults().withDropAllZeroText(true);
    DatasetSummary s = PickleDatasetReader.readSummary(fixture("multibench_mixed_layouts.pkl"), drop);
    assertThat(s.report().droppedAllZeroText()).isEqualTo(3); // sample 1 of every split
    assertThat(s.train().ids()).containsExactly("mix000", "mix002", "mix003", "mix004");
    assertThat(s.report().nans()).containsEntry(Modality.VIDEO, 3L);
    assertThat(s.report().negativeInfinities()).containsEntry(Modality.AUDIO, 3L);
    DatasetSummary kept = PickleDatasetReader.readSummary(fixture("multibench_mixed_layouts.pkl"), ReadOptions.defaults());
    assertThat(kept.fingerprint()).isNotEqualTo(s.fingerprint());
    assertThat(kept.train().size()).isEqualTo(5);
  }

  @Test
  void featureArraysAreDigestedNotStored() {
    byte[] all = PickleDatasetReaderTest.bytes("multibench_f32.pkl");
    Object root = PickleLoader.load(new ByteArrayInputStream(all), "x", SafeUnpickler.Payloads.DIGEST_FEATURES);
    var train = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) root).get("train");
    assertThat(((NdArray) train.get("text")).data).isInstanceOf(NdArray.DigestData.class);
    assertThat(((NdArray) train.get("labels")).data).isInstanceOf(NdArray.FloatData.class);
  }

  @Test
  void maliciousPicklesAreRefusedWithTheSameMessagesAndNothingRuns() throws IOException {
    Path marker = Path.of("/tmp/pwned-isacemu-fixture");
    Files.deleteIfExists(marker);
    for (String f : new String[] {"malicious_os_system.pkl", "malicious_os_system_p2.pkl", "truncated.pkl"}) {
      Throwable full = catchThrowable(() -> PickleDatasetReader.read(fixture(f), ReadOptions.defaults()));
      Throwable labels = catchThrowable(() -> PickleDatasetReader.readSummary(fixture(f), ReadOptions.defaults()));
      assertThat(labels).as(f).isInstanceOf(IllegalArgumentException.class).hasMessage(full.getMessage());
      assertThat(labels.getMessage()).contains(f);
    }
    assertThat(catchThrowable(() -> PickleDatasetReader.readSummary(fixture("malicious_os_system.pkl"),
            ReadOptions.defaults())))
        .hasMessageContaining("pickle global posix.system is not allowed");
    assertThat(marker).doesNotExist();
  }

  @Test
  void instOpcodeIsRefusedInBothModes() {
    byte[] inst = "(S'touch /tmp/pwned-isacemu-inst'\nios\nsystem\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (SafeUnpickler.Payloads p : SafeUnpickler.Payloads.values()) {
      assertThatThrownBy(() -> PickleLoader.load(new ByteArrayInputStream(inst), "inst", p))
          .as(p.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("inst: pickle global os.system is not allowed (INST opcode)");
    }
    assertThat(Path.of("/tmp/pwned-isacemu-inst")).doesNotExist();
  }

  @Test
  void wrongDimsAreRefusedWithTheSameMessage() {
    ReadOptions mosei = ReadOptions.defaults().withExpectedFeatureDims(ReadOptions.MOSEI_DIMS);
    assertThatThrownBy(() -> PickleDatasetReader.readSummary(fixture("multibench_f64.pkl"), mosei))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train.vision: shape [6, 5, 5] found, expected [N, T, 35]");
  }

  /** Any prefix of a valid pickle is refused by the labels-only read too, never a partial summary. */
  @Property(tries = 60)
  void everyTruncationIsRejected(@ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
    byte[] all = PickleDatasetReaderTest.bytes("multibench_mixed_layouts.pkl");
    InputStream in = new ByteArrayInputStream(all, 0, cut % all.length);
    assertThatThrownBy(() -> PickleDatasetReader.summaryFromPickle(
            PickleLoader.load(in, "cut", SafeUnpickler.Payloads.DIGEST_FEATURES), "cut", ReadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cut: corrupt or truncated pickle");
  }

  private static void assertSame(String what, SplitSummary s, MultimodalSplit full) {
    assertThat(s.size()).as(what).isEqualTo(full.size());
    assertThat(s.sequenceLength()).as(what).isEqualTo(full.sequenceLength());
    assertThat(s.features().keySet()).as(what).isEqualTo(full.modalities());
    for (Modality m : full.modalities()) {
      assertThat(s.features().get(m).sequenceLength()).as(what + " " + m).isEqualTo(full.sequenceLength(m));
      assertThat(s.features().get(m).featureDim()).as(what + " " + m).isEqualTo(full.featureDim(m));
    }
    for (int i = 0; i < full.size(); i++) {
      assertThat(s.ids().get(i)).as(what + " id " + i).isEqualTo(full.id(i));
      assertThat(s.labels().get(i)).as(what + " label " + i).isEqualTo(full.label(i));
    }
  }
}
