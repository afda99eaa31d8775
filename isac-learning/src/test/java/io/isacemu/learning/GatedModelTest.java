package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalSplit;
import java.nio.FloatBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatedModelTest {

  private final ToySplit data = ToySplit.generate(300, 5, 21);

  @Test
  void routedPredictionsEqualTheChosenExpertsOutputs() {
    Engine.getInstance().setRandomSeed(8);
    try (GatedModel m = GatedModel.create(ModelBundleTest.description(0))) {
      int[] choice = new int[data.size()];
      for (int i = 0; i < choice.length; i++) {
        choice[i] = (i * 7) % 5 < 3 ? 0 : 1; // 60 % text, interleaved
      }
      float[] routed = m.route(data, choice);
      float[] text = m.expertPredict(0, data);
      float[] vat = m.expertPredict(1, data);
      for (int i = 0; i < choice.length; i++) {
        assertThat(routed[i]).isCloseTo(choice[i] == 0 ? text[i] : vat[i], org.assertj.core.data.Offset.offset(1e-5f));
      }
      Prediction p = m.predict(data, ModelBundleTest.STATE);
      float[] again = m.route(data, p.chosenExpert());
      assertThat(p.values()).containsExactly(again);
    }
  }

  @Test
  void unchosenExpertsNeverReadTheirInputs() {
    Engine.getInstance().setRandomSeed(8);
    try (GatedModel m = GatedModel.create(ModelBundleTest.description(0))) {
      MultimodalSplit textOnly = new TextOnly(data);
      float[] routed = m.route(textOnly, new int[data.size()]); // everything to the text expert
      assertThat(routed).containsExactly(m.expertPredict(0, data));
    }
  }

  @Test
  void flopsOfTheReferenceGateAndExperts() {
    try (GatedModel m = GatedModel.create(ModelBundleTest.description(0))) {
      assertThat(m.expertFlops(1)).isGreaterThan(m.expertFlops(0));
      assertThat(m.gateFlops()).isPositive();
    }
  }

  /** A view that only carries text: touching video or audio throws. */
  private record TextOnly(ToySplit inner) implements MultimodalSplit {
    @Override
    public int size() {
      return inner.size();
    }

    @Override
    public int sequenceLength() {
      return inner.sequenceLength();
    }

    @Override
    public Set<Modality> modalities() {
      return Set.of(Modality.TEXT);
    }

    @Override
    public int featureDim(Modality m) {
      return inner.featureDim(m);
    }

    @Override
    public FloatBuffer features(Modality m) {
      if (m != Modality.TEXT) {
        throw new IllegalArgumentException("modality: " + m + " not carried");
      }
      return inner.features(m);
    }

    @Override
    public float label(int i) {
      return inner.label(i);
    }

    @Override
    public String id(int i) {
      return inner.id(i);
    }

    @Override
    public MultimodalSplit slice(int from, int to) {
      return new TextOnly((ToySplit) inner.slice(from, to));
    }
  }
}
