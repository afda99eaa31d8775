package io.isacemu.learning.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SequencesTest {

  @Test
  void allZeroStepsArePadding() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {0, 0, 1, 0, 0, 0, 0, -2, 3, 3, 0, 0}, new Shape(2, 3, 2));
      assertThat(Sequences.paddingMask(x).toFloatArray()).containsExactly(0, 1, 0, 1, 1, 0);
    }
  }

  @Test
  void maskedMeanIgnoresPaddingAndGivesZerosForAllPadding() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {9, 9, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5}, new Shape(2, 3, 2));
      NDArray mask = m.create(new float[] {0, 1, 1, 0, 0, 0}, new Shape(2, 3));
      assertThat(Sequences.maskedMean(x, mask).toFloatArray()).containsExactly(2, 3, 0, 0);
    }
  }

  @Test
  void sinusoidalPositions() {
    float[] pe = Sequences.positionalEncoding(2, 4);
    assertThat(pe).containsExactly(
        new float[] {0, 1, 0, 1, (float) Math.sin(1), (float) Math.cos(1), (float) Math.sin(0.01), (float) Math.cos(0.01)},
        offset(1e-6f));
  }
}
