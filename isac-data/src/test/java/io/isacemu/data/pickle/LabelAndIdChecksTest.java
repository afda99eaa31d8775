package io.isacemu.data.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.LoadReport;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import java.nio.FloatBuffer;
import java.util.Set;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels outside the sentiment range and repeated ids are refused by both reads (full and
 * labels-only), naming the split, the key, the index and the value; clipping happens only when
 * asked for, and is counted.
 */
class LabelAndIdChecksTest {

  @TempDir Path dir;

  /** A split with these labels, which need not be in range (ArraySplit itself would refuse them). */
  private static MultimodalSplit split(String name, float[] labels, String[] ids) {
    int n = labels.length;
    ArraySplit.Builder b = ArraySplit.builder(n).labels(new float[n]).ids(ids);
    for (Modality m : Modality.values()) {
      b.modality(m, 2, 3, new float[n * 2 * 3]);
    }
    ArraySplit inner = b.build();
    return new MultimodalSplit() {
      @Override public int size() { return n; }
      @Override public int sequenceLength() { return inner.sequenceLength(); }
      @Override public Set<Modality> modalities() { return inner.modalities(); }
      @Override public int featureDim(Modality m) { return inner.featureDim(m); }
      @Override public FloatBuffer features(Modality m) { return inner.features(m); }
      @Override public float label(int i) { return labels[i]; }
      @Override public String id(int i) { return inner.id(i); }
      @Override public MultimodalSplit slice(int from, int to) { throw new UnsupportedOperationException(); }
    };
  }

  private Path write(float[] testLabels, String[] testIds) throws Exception {
    MultimodalSplit ok = split("train", new float[] {0.5f, -1f}, new String[] {"a", "b"});
    MultimodalSplit okValid = split("valid", new float[] {1f, 2f}, new String[] {"c", "d"});
    Path f = dir.resolve("d" + System.nanoTime() + ".pkl");
    MultiBenchPickleWriter.write(MultimodalDataset.of("t", ok, okValid, split("test", testLabels, testIds),
        LoadReport.clean()), f);
    return f;
  }

  @Test
  void aLabelOutsideTheRangeIsRefusedUnlessClippingIsAsked() throws Exception {
    Path f = write(new float[] {0f, 3.5f, -4f}, new String[] {"e", "f", "g"});
    for (boolean labelsOnly : new boolean[] {false, true}) {
      assertThatThrownBy(() -> read(f, ReadOptions.defaults(), labelsOnly))
          .hasMessage("test.labels[1]: 3.5 is outside [-3, 3] (2 labels out of range; clipLabels: true clips them)");
    }
    MultimodalDataset clipped = PickleDatasetReader.read(f, ReadOptions.defaults().withClipLabels(true));
    assertThat(clipped.test().label(1)).isEqualTo(3f);
    assertThat(clipped.test().label(2)).isEqualTo(-3f);
    assertThat(clipped.report().clippedLabels()).isEqualTo(2);
    assertThat(PickleDatasetReader.readSummary(f, ReadOptions.defaults().withClipLabels(true)).test().labels())
        .containsExactly(0f, 3f, -3f);
  }

  @Test
  void aRepeatedIdIsRefusedNamingItAndBothSamples() throws Exception {
    Path f = write(new float[] {0f, 1f, 2f}, new String[] {"e", "f", "e"});
    for (boolean labelsOnly : new boolean[] {false, true}) {
      assertThatThrownBy(() -> read(f, ReadOptions.defaults(), labelsOnly))
          .hasMessage("test.id: 'e' repeats (samples 0 and 2)");
    }
  }

  @Test
  void aCleanFileReportsNothingClipped() throws Exception {
    Path f = write(new float[] {-3f, 3f, 0f}, new String[] {"e", "f", "g"});
    assertThat(PickleDatasetReader.read(f, ReadOptions.defaults()).report().clippedLabels()).isZero();
  }

  private static Object read(Path f, ReadOptions o, boolean labelsOnly) throws Exception {
    return labelsOnly ? PickleDatasetReader.readSummary(f, o) : PickleDatasetReader.read(f, o);
  }
}
