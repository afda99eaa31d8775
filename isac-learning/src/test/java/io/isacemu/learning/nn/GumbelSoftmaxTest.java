package io.isacemu.learning.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class GumbelSoftmaxTest {

  @Test
  void straightThroughIsOneHotForwardAndSoftBackward() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] raw = {0.3f, -1.2f, 2.0f, 0.1f, 0.5f, -0.4f};
      NDArray w = m.create(new float[] {1.5f, -2f, 0.7f, 3f, -1f, 0.25f}, new Shape(2, 3));
      NDArray noise = GumbelSoftmax.noise(m.zeros(new Shape(2, 3)));
      double tau = 0.7;

      NDArray a = m.create(raw, new Shape(2, 3));
      a.setRequiresGradient(true);
      float[] forward;
      float[] gradSt;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = GumbelSoftmax.straightThrough(GumbelSoftmax.soft(a, noise, tau));
        forward = y.toFloatArray();
        gc.backward(y.mul(w).sum());
      }
      gradSt = a.getGradient().toFloatArray();

      NDArray b = m.create(raw, new Shape(2, 3));
      b.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(GumbelSoftmax.soft(b, noise, tau).mul(w).sum());
      }
      float[] gradSoft = b.getGradient().toFloatArray();

      for (int r = 0; r < 2; r++) {
        int ones = 0;
        for (int c = 0; c < 3; c++) {
          float v = forward[r * 3 + c];
          assertThat(v == 0f || v == 1f).as("exact one-hot entry %s", v).isTrue();
          ones += v == 1f ? 1 : 0;
        }
        assertThat(ones).isEqualTo(1);
      }
      assertThat(gradSt).containsExactly(gradSoft, org.assertj.core.data.Offset.offset(1e-6f));
      assertThat(gradSoft).isNotEqualTo(new float[6]);
    }
  }

  @Test
  void argmaxFrequenciesMatchSoftmaxProbabilities() {
    Engine.getInstance().setRandomSeed(11);
    double[] p = {0.2, 0.3, 0.5};
    int draws = 20000;
    try (NDManager m = NDManager.newBaseManager()) {
      float[] logits = new float[draws * 3];
      for (int i = 0; i < draws; i++) {
        for (int c = 0; c < 3; c++) {
          logits[i * 3 + c] = (float) Math.log(p[c]);
        }
      }
      NDArray l = m.create(logits, new Shape(draws, 3));
      float[] y = GumbelSoftmax.sample(l, 0.5).toFloatArray();
      double[] freq = new double[3];
      for (int i = 0; i < draws; i++) {
        for (int c = 0; c < 3; c++) {
          freq[c] += y[i * 3 + c] / draws;
        }
      }
      // binomial standard error ≈ 0.0035; 0.015 is > 4 sigma
      for (int c = 0; c < 3; c++) {
        assertThat(freq[c]).isCloseTo(p[c], org.assertj.core.data.Offset.offset(0.015));
      }
    }
  }

  @Test
  void noiseIsFinite() {
    Engine.getInstance().setRandomSeed(5);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray g = GumbelSoftmax.noise(m.zeros(new Shape(100000)));
      assertThat(g.isInfinite().any().getBoolean()).isFalse();
      assertThat(g.isNaN().any().getBoolean()).isFalse();
    }
  }

  @Test
  void nonPositiveTemperatureIsRejected() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray l = m.zeros(new Shape(1, 2));
      assertThatThrownBy(() -> GumbelSoftmax.soft(l, l, 0.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tau")
          .hasMessageContaining("0.0");
    }
  }
}
