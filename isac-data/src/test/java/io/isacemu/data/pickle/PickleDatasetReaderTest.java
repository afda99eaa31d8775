package io.isacemu.data.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PickleDatasetReaderTest {

  static Path fixture(String name) {
    try {
      return Path.of(PickleDatasetReaderTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static MultimodalDataset read(String name) throws IOException {
    return PickleDatasetReader.read(fixture(name), ReadOptions.defaults());
  }

  @Test
  void multiBenchFloat64CountsAndReplacesDirt() throws IOException {
    MultimodalDataset d = read("multibench_f64.pkl");
    assertThat(d.name()).isEqualTo("multibench_f64.pkl (MULTIBENCH)");
    assertThat(d.train().size()).isEqualTo(6);
    assertThat(d.valid().size()).isEqualTo(3);
    assertThat(d.test().size()).isEqualTo(3);
    assertThat(d.train().sequenceLength()).isEqualTo(5);
    assertThat(d.train().featureDim(Modality.VIDEO)).isEqualTo(5);
    assertThat(d.train().featureDim(Modality.AUDIO)).isEqualTo(4);
    assertThat(d.train().featureDim(Modality.TEXT)).isEqualTo(6);
    // 3 x -inf + one -1e300 that overflows float32
    assertThat(d.report().negativeInfinities()).containsEntry(Modality.AUDIO, 4L);
    // 1e300 in text (train) and +inf in vision (test)
    assertThat(d.report().positiveInfinities())
        .containsEntry(Modality.TEXT, 1L)
        .containsEntry(Modality.VIDEO, 1L)
        .containsEntry(Modality.AUDIO, 0L);
    assertThat(d.report().nans()).containsEntry(Modality.VIDEO, 2L).containsEntry(Modality.TEXT, 0L);
    assertThat(d.report().droppedAllZeroText()).isZero();
    MultimodalSplit tr = d.train();
    assertThat(tr.features(Modality.AUDIO).get((0 * 5 + 1) * 4)).isZero(); // was -inf
    assertThat(tr.features(Modality.TEXT).get((1 * 5 + 3) * 6 + 2)).isZero(); // was 1e300
    assertFinite(d);
    assertThat(tr.id(0)).isEqualTo("vid000$_$0");
    assertThat(d.test().id(2)).isEqualTo("vid202$_$2");
  }

  @Test
  void dropAllZeroTextIsCounted() throws IOException {
    MultimodalDataset d =
        PickleDatasetReader.read(fixture("multibench_f64.pkl"), ReadOptions.defaults().withDropAllZeroText(true));
    assertThat(d.report().droppedAllZeroText()).isEqualTo(1);
    assertThat(d.train().size()).isEqualTo(5);
    assertThat(d.train().id(2)).isEqualTo("vid003$_$3");
    MultimodalDataset full = read("multibench_f64.pkl");
    // sample 3 of the full split became sample 2: same features
    int per = 5 * 5;
    for (int k = 0; k < per; k++) {
      assertThat(d.train().features(Modality.VIDEO).get(2 * per + k))
          .isEqualTo(full.train().features(Modality.VIDEO).get(3 * per + k));
    }
    assertThat(d.train().label(2)).isEqualTo(full.train().label(3));
    assertThat(d.fingerprint()).isNotEqualTo(full.fingerprint());
  }

  @Test
  void multiBenchFloat32WithMoseiDims() throws IOException {
    ReadOptions mosei = ReadOptions.defaults().withExpectedFeatureDims(ReadOptions.MOSEI_DIMS).withDropAllZeroText(true);
    MultimodalDataset d = PickleDatasetReader.read(fixture("multibench_f32.pkl"), mosei);
    assertThat(d.train().featureDim(Modality.TEXT)).isEqualTo(300);
    assertThat(d.train().sequenceLength()).isEqualTo(3);
    assertThat(d.report().negativeInfinities()).containsEntry(Modality.AUDIO, 2L);
    assertThat(d.report().nans()).containsEntry(Modality.TEXT, 1L);
    assertThat(d.report().droppedAllZeroText()).isEqualTo(1);
    assertThat(d.valid().size()).isEqualTo(1);
    assertFinite(d);
    // left padding: first text step is zero
    for (int k = 0; k < 300; k++) {
      assertThat(d.train().features(Modality.TEXT).get(k)).isZero();
    }
  }

  @Test
  void wrongDimsNameKeyAndShape() {
    ReadOptions mosei = ReadOptions.defaults().withExpectedFeatureDims(ReadOptions.MOSEI_DIMS);
    assertThatThrownBy(() -> PickleDatasetReader.read(fixture("multibench_f64.pkl"), mosei))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train.vision: shape [6, 5, 5] found, expected [N, T, 35]");
  }

  @Test
  void numpy1AndNumpy2GlobalsAndProtocol5GiveTheSameData() throws IOException {
    MultimodalDataset np1 = read("numpy1_globals.pkl");
    MultimodalDataset np2 = read("numpy2_globals.pkl");
    MultimodalDataset p5 = read("protocol5.pkl");
    assertThat(np1.fingerprint()).isEqualTo(np2.fingerprint()).isEqualTo(p5.fingerprint());
    assertThat(np1.train().size()).isEqualTo(2);
    assertThat(np1.train().featureDim(Modality.VIDEO)).isEqualTo(3);
    assertThat(Files.readString(fixture("numpy1_globals.pkl"), java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("numpy.core.multiarray")
        .doesNotContain("numpy._core");
  }

  @Test
  void mmsaAligned() throws IOException {
    MultimodalDataset d = read("mmsa_aligned.pkl");
    assertThat(d.name()).endsWith("(MMSA)");
    assertThat(d.train().size()).isEqualTo(4);
    assertThat(d.train().aligned()).isTrue();
    assertThat(d.train().featureDim(Modality.TEXT)).isEqualTo(6);
    assertThat(d.report().negativeInfinities()).containsEntry(Modality.AUDIO, 3L);
    assertThat(d.train().id(1)).isEqualTo("clip01$_$1");
    assertFinite(d);
  }

  @Test
  void mmsaUnalignedKeepsPerModalityLength() throws IOException {
    MultimodalDataset d = read("mmsa_unaligned.pkl");
    MultimodalSplit s = d.test();
    assertThat(s.aligned()).isFalse();
    assertThat(s.sequenceLength(Modality.TEXT)).isEqualTo(4);
    assertThat(s.sequenceLength(Modality.AUDIO)).isEqualTo(7);
    assertThat(s.sequenceLength(Modality.VIDEO)).isEqualTo(6);
    assertThat(s.sequenceLength()).isEqualTo(7);
    assertThat(s.features(Modality.AUDIO).remaining()).isEqualTo(2 * 7 * 4);
    assertThat(s.slice(1, 2).features(Modality.VIDEO).remaining()).isEqualTo(6 * 5);
  }

  @Test
  void mmsaTextBertIsReadAsTokenTriples() throws IOException {
    MultimodalDataset d = read("mmsa_text_bert.pkl");
    MultimodalSplit s = d.train();
    assertThat(s.featureDim(Modality.TEXT)).isEqualTo(3);
    assertThat(s.sequenceLength(Modality.TEXT)).isEqualTo(4);
    // per step: (token id in [100, 999), mask 1, segment 0)
    for (int step = 0; step < 4; step++) {
      assertThat(s.features(Modality.TEXT).get(step * 3)).isBetween(100f, 999f);
      assertThat(s.features(Modality.TEXT).get(step * 3 + 1)).isEqualTo(1f);
      assertThat(s.features(Modality.TEXT).get(step * 3 + 2)).isEqualTo(0f);
    }
  }

  @Test
  void maliciousGlobalIsRejectedAndNothingRuns() throws IOException {
    Path marker = Path.of("/tmp/pwned-isacemu-fixture");
    Files.deleteIfExists(marker);
    for (String f : new String[] {"malicious_os_system.pkl", "malicious_os_system_p2.pkl"}) {
      assertThatThrownBy(() -> read(f))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(f)
          .hasMessageContaining("pickle global posix.system is not allowed");
    }
    assertThat(marker).doesNotExist();
  }

  @Test
  void protocol0InstOpcodeIsRejected() {
    byte[] inst = "(S'touch /tmp/pwned-isacemu-inst'\nios\nsystem\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> PickleLoader.load(new ByteArrayInputStream(inst), "inst"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inst: pickle global os.system is not allowed (INST opcode)");
    assertThat(Path.of("/tmp/pwned-isacemu-inst")).doesNotExist();
  }

  @Test
  void truncatedFileIsRejected() {
    assertThatThrownBy(() -> read("truncated.pkl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated.pkl: corrupt or truncated pickle at byte");
  }

  /** Any prefix of a valid pickle is rejected, never returned as a partial dataset. */
  @Property(tries = 60)
  void everyTruncationIsRejected(@ForAll @IntRange(min = 0, max = 1_000_000) int cut) throws IOException {
    byte[] all = Files.readAllBytes(fixture("multibench_f64.pkl"));
    int len = cut % all.length; // every proper prefix
    InputStream in = new ByteArrayInputStream(all, 0, len);
    assertThatThrownBy(() -> PickleDatasetReader.fromPickle(PickleLoader.load(in, "cut"), "cut", ReadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cut: corrupt or truncated pickle");
  }

  @Test
  void wrongKeysAreNamed() {
    Object root = PickleLoader.load(new ByteArrayInputStream(bytes("multibench_f64.pkl")), "x");
    Object valid = ((Map<?, ?>) root).remove("valid");
    assertThatThrownBy(() -> PickleDatasetReader.fromPickle(root, "x", ReadOptions.defaults()))
        .hasMessageContaining("key 'valid' missing at top level (found keys [test, train])");
    @SuppressWarnings("unchecked")
    Map<Object, Object> top = (Map<Object, Object>) root;
    top.put("valid", valid);
    @SuppressWarnings("unchecked")
    Map<Object, Object> train = (Map<Object, Object>) ((Map<?, ?>) root).get("train");
    train.put("audio", train.get("id"));
    assertThatThrownBy(() -> PickleDatasetReader.fromPickle(root, "x", ReadOptions.defaults()))
        .hasMessageContaining("train.audio: shape [6, 2] found, expected [N=6, T, d]");
    train.remove("audio");
    assertThatThrownBy(() -> PickleDatasetReader.fromPickle(root, "x", ReadOptions.defaults()))
        .hasMessageContaining("train: key 'audio' missing (found keys [id, labels, text, vision])");
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(fixture(name));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertFinite(MultimodalDataset d) {
    for (MultimodalSplit s : new MultimodalSplit[] {d.train(), d.valid(), d.test()}) {
      for (Modality m : s.modalities()) {
        var f = s.features(m);
        while (f.hasRemaining()) {
          assertThat(Float.isFinite(f.get())).isTrue();
        }
      }
    }
  }
}
