package io.isacemu.learning.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.ArchitecturePreset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpertBlockTest {

  private final ExpertNetworkSpec spec = ArchitecturePreset.demo()
      .expert(ModalitySet.of(Modality.TEXT), Map.of(Modality.TEXT, 8));

  @Test
  void allPaddingSampleGivesFiniteOutputAndGradients() {
    Engine.getInstance().setRandomSeed(2);
    try (NDManager m = NDManager.newBaseManager()) {
      ExpertBlock block = new ExpertBlock(spec);
      block.initialize(m, DataType.FLOAT32, new Shape(2, 4, 8));
      block.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
      float[] x = new float[2 * 4 * 8];
      for (int i = 4 * 8 + 2 * 8; i < x.length; i++) {
        x[i] = 0.3f; // sample 0 all padding; sample 1 left-padded by 2 steps
      }
      NDArray in = m.create(x, new Shape(2, 4, 8));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = block.forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow();
        assertThat(y.getShape()).isEqualTo(new Shape(2));
        assertThat(y.isNaN().any().getBoolean() || y.isInfinite().any().getBoolean()).isFalse();
        gc.backward(y.sum());
      }
      block.getParameters().values().forEach(p -> {
        NDArray g = p.getArray().getGradient();
        assertThat(g.isNaN().any().getBoolean()).as(p.getName()).isFalse();
      });
    }
  }

  @Test
  void maskedPositionsDoNotInfluenceValidOnes() {
    Engine.getInstance().setRandomSeed(2);
    try (NDManager m = NDManager.newBaseManager()) {
      MultiHeadSelfAttention att = new MultiHeadSelfAttention(4, 2);
      att.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4), new Shape(1, 3));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray mask = m.create(new float[] {0, 1, 1}, new Shape(1, 3));
      float[] h = {9, -9, 9, -9, 0.1f, 0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f};
      float[] h2 = h.clone();
      h2[0] = -40f; // change only the masked (padding) step
      h2[3] = 17f;
      float[] y = att.forward(ps, new NDList(m.create(h, new Shape(1, 3, 4)), mask), false).singletonOrThrow().toFloatArray();
      float[] y2 = att.forward(ps, new NDList(m.create(h2, new Shape(1, 3, 4)), mask), false).singletonOrThrow().toFloatArray();
      for (int i = 4; i < 12; i++) {
        assertThat(y2[i]).as("valid output %d", i).isCloseTo(y[i], org.assertj.core.data.Offset.offset(1e-6f));
      }
      float[] y3 = att.forward(ps, new NDList(m.create(h2, new Shape(1, 3, 4)), m.ones(new Shape(1, 3))), false)
          .singletonOrThrow().toFloatArray();
      assertThat(y3[4]).isNotCloseTo(y[4], org.assertj.core.data.Offset.offset(1e-6f)); // without the mask it would
    }
  }
}
