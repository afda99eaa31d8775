package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalSplit;
import java.nio.FloatBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatedModelTest {

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

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

  /** The seven non-empty modality sets, by mask 1..7. */
  private static java.util.List<io.isacemu.core.modality.ModalitySet> allSubsets() {
    java.util.List<io.isacemu.core.modality.ModalitySet> sets = new java.util.ArrayList<>();
    for (int mask = 1; mask <= 7; mask++) {
      sets.add(new io.isacemu.core.modality.ModalitySet(mask));
    }
    return sets;
  }

  /** Every component of a set's cost is its mask: the more (and later) modalities, the dearer. */
  private static GateCostTable maskCosts(java.util.List<io.isacemu.core.modality.ModalitySet> sets) {
    java.util.Map<String, GateExpertCost> costs = new java.util.HashMap<>();
    for (io.isacemu.core.modality.ModalitySet s : sets) {
      costs.put(s.name(), new GateExpertCost(s.mask(), s.mask(), s.mask(), s.mask()));
    }
    return new GateCostTable(costs, CostMetric.FLOPS);
  }

  @Test
  void everyNonEmptySubsetCanBeAnExpert() {
    java.util.List<io.isacemu.core.modality.ModalitySet> sets = allSubsets();
    GateCostTable costs = maskCosts(sets);
    ModelDescription d = new ModelDescription(
        ArchitecturePreset.demo(), sets, io.isacemu.core.modality.ModalitySet.all(), 0,
        java.util.Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 8),
        java.util.Map.of(Modality.VIDEO, 5, Modality.AUDIO, 5, Modality.TEXT, 5), TaskLoss.L1, 1.0,
        costs);
    Engine.getInstance().setRandomSeed(8);
    try (GatedModel m = GatedModel.create(d)) {
      int[] choice = new int[data.size()];
      for (int i = 0; i < choice.length; i++) {
        choice[i] = i % 7;
      }
      float[] routed = m.route(data, choice);
      for (int e = 0; e < 7; e++) {
        float[] alone = m.expertPredict(e, data);
        for (int i = e; i < choice.length; i += 7) {
          assertThat(routed[i]).isCloseTo(alone[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
      assertThat(java.util.Arrays.stream(m.predict(data, GateFeatures.none()).chosenExpert())).allMatch(c -> c >= 0 && c < 7);
    }
  }

  @Test
  void theGateRoutesOnlyToRoutableExperts() {
    java.util.List<io.isacemu.core.modality.ModalitySet> sets = allSubsets();
    GateCostTable costs = maskCosts(sets);
    java.util.List<io.isacemu.core.modality.ModalitySet> routable = java.util.List.of(sets.get(3), sets.get(6));
    ModelDescription d = new ModelDescription(
        ArchitecturePreset.demo(), sets, io.isacemu.core.modality.ModalitySet.all(), 0,
        java.util.Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 8),
        java.util.Map.of(Modality.VIDEO, 5, Modality.AUDIO, 5, Modality.TEXT, 5), TaskLoss.L1, 1.0,
        costs, routable);
    Engine.getInstance().setRandomSeed(9);
    try (GatedModel m = GatedModel.create(d)) {
      assertThat(java.util.Arrays.stream(m.choose(data, GateFeatures.none()))).allMatch(c -> c == 3 || c == 6);
      // a fixed mode can still run a non-routable expert
      assertThat(m.expertPredict(0, data)).hasSize(data.size());
      // the routable set survives a bundle round trip
      java.nio.file.Path dir = tmp.resolve("masked");
      ModelBundle.save(m, dir, "toy", "f".repeat(64), m.evaluate(data, GateFeatures.none()), java.time.Clock.systemUTC());
      try (GatedModel back = ModelBundle.load(dir)) {
        assertThat(back.description().routable()).containsExactlyElementsOf(routable);
        assertThat(back.choose(data, GateFeatures.none())).containsExactly(m.choose(data, GateFeatures.none()));
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModelDescription(
        ArchitecturePreset.demo(), sets.subList(0, 2), io.isacemu.core.modality.ModalitySet.all(), 0,
        java.util.Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 8),
        java.util.Map.of(Modality.VIDEO, 5, Modality.AUDIO, 5, Modality.TEXT, 5), TaskLoss.L1, 1.0,
        costs, java.util.List.of(sets.get(6))))
        .hasMessageContaining("routable").hasMessageContaining("V+A+T");
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
