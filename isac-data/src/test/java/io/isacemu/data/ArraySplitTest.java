package io.isacemu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class ArraySplitTest {

  private static float[] ramp(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static ArraySplit split(float[] video) {
    return ArraySplit.builder(4)
        .modality(Modality.VIDEO, 2, 3, video)
        .modality(Modality.TEXT, 1, 2, ramp(8))
        .labels(new float[] {-3, -1, 1, 3})
        .ids(new String[] {"a", "b", "c", "d"})
        .evidence(new ModalitySet[] {ModalitySet.all(), ModalitySet.of(Modality.TEXT), ModalitySet.all(), ModalitySet.all()})
        .build();
  }

  @Test
  void sliceIsAViewWithOffset() {
    float[] video = ramp(4 * 2 * 3);
    ArraySplit s = split(video);
    MultimodalSplit sl = s.slice(1, 3);
    assertThat(sl.size()).isEqualTo(2);
    FloatBuffer f = sl.features(Modality.VIDEO);
    assertThat(f.remaining()).isEqualTo(2 * 2 * 3);
    assertThat(f.get(0)).isEqualTo(6f);
    assertThat(sl.label(0)).isEqualTo(-1f);
    assertThat(sl.id(1)).isEqualTo("c");
    assertThat(sl.evidence(0)).contains(ModalitySet.of(Modality.TEXT));
    video[6] = 42f; // shares storage: no copy was made
    assertThat(sl.features(Modality.VIDEO).get(0)).isEqualTo(42f);
    assertThat(sl.slice(1, 2).id(0)).isEqualTo("c");
    assertThat(sl.slice(1, 2).features(Modality.TEXT).get(0)).isEqualTo(4f);
  }

  @Test
  void featuresAreReadOnly() {
    ArraySplit s = split(ramp(24));
    assertThat(s.features(Modality.VIDEO).isReadOnly()).isTrue();
    assertThatThrownBy(() -> s.features(Modality.VIDEO).put(0, 1f))
        .isInstanceOf(ReadOnlyBufferException.class);
  }

  @Test
  void perModalityLayout() {
    ArraySplit s = split(ramp(24));
    assertThat(s.sequenceLength(Modality.VIDEO)).isEqualTo(2);
    assertThat(s.sequenceLength(Modality.TEXT)).isEqualTo(1);
    assertThat(s.sequenceLength()).isEqualTo(2);
    assertThat(s.aligned()).isFalse();
    assertThat(s.modalities()).containsExactly(Modality.VIDEO, Modality.TEXT);
    assertThatThrownBy(() -> s.features(Modality.AUDIO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AUDIO");
  }

  @Test
  void validationNamesFieldAndValues() {
    assertThatThrownBy(() -> ArraySplit.builder(4).modality(Modality.VIDEO, 2, 3, new float[23]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features[VIDEO]")
        .hasMessageContaining("23 floats found, expected 24");
    assertThatThrownBy(() -> ArraySplit.builder(2).labels(new float[] {0, 3.5f}))
        .hasMessageContaining("labels[1]: 3.5");
    assertThatThrownBy(() -> ArraySplit.builder(2).labels(new float[] {0, Float.NaN}))
        .hasMessageContaining("labels[1]: NaN");
    assertThatThrownBy(() -> ArraySplit.builder(2).ids(new String[] {"a"}))
        .hasMessageContaining("ids: shape mismatch, 1 values found, expected 2");
    assertThatThrownBy(() -> ArraySplit.builder(1).labels(new float[1]).ids(new String[] {"x"}).build())
        .hasMessageContaining("modalities");
    assertThatThrownBy(() -> split(ramp(24)).slice(3, 5)).hasMessageContaining("[3, 5)");
    assertThatThrownBy(() -> split(ramp(24)).label(4)).hasMessageContaining("index: 4");
  }

  @Test
  void evidenceAbsentForRealData() {
    ArraySplit s =
        ArraySplit.builder(1)
            .modality(Modality.AUDIO, 1, 1, new float[1])
            .labels(new float[1])
            .ids(new String[] {"x"})
            .build();
    assertThat(s.evidence(0)).isEmpty();
  }

  @Test
  void fingerprintChangesWithContent() {
    float[] v = ramp(24);
    String a = DatasetFingerprint.of(split(v), split(v), split(v));
    assertThat(a).hasSize(64).isEqualTo(DatasetFingerprint.of(split(ramp(24)), split(v), split(v)));
    v[5] = -1;
    assertThat(DatasetFingerprint.of(split(v), split(ramp(24)), split(ramp(24)))).isNotEqualTo(a);
  }
}
