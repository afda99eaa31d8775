package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.nn.Flops;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpertRunnerTest {

  @TempDir Path tmp;
  private final ToySplit data = ToySplit.generate(150, 5, 13);

  private static float[] row(MultimodalSplit s, Modality m, int i) {
    int len = s.sequenceLength() * s.featureDim(m);
    float[] out = new float[len];
    FloatBuffer all = s.features(m);
    all.get(i * len, out, 0, len);
    return out;
  }

  /** Per sample: modality m encoded by the runner when local(i, m), else raw. */
  private List<Map<Modality, ExpertInput>> inputs(ExpertRunner r, int expert, java.util.function.BiPredicate<Integer, Modality> local) {
    List<Map<Modality, ExpertInput>> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Map<Modality, ExpertInput> in = new EnumMap<>(Modality.class);
      for (Modality m : r.description().experts().get(expert).modalities()) {
        float[] raw = row(data, m, i);
        // encode each sample on its own, as a device does
        in.put(m, local.test(i, m) ? new ExpertInput.Encoded(r.encode(expert, m, raw)) : new ExpertInput.Raw(raw));
      }
      out.add(in);
    }
    return out;
  }

  @Test
  void mixedLocalAndRawInputsGiveTheAllRawPrediction() {
    Engine.getInstance().setRandomSeed(5);
    try (GatedModel model = GatedModel.create(ModelBundleTest.description(0));
        ExpertRunner runner = ExpertRunner.of(model)) {
      int vat = runner.indexOf("V+A+T");
      float[] reference = model.expertPredict(vat, data);
      float[] allRaw = runner.predict(vat, inputs(runner, vat, (i, m) -> false));
      float[] allLocal = runner.predict(vat, inputs(runner, vat, (i, m) -> true));
      float[] mixed = runner.predict(vat, inputs(runner, vat, (i, m) -> (i + m.ordinal()) % 2 == 0));
      for (int i = 0; i < data.size(); i++) {
        assertThat(Math.abs(allRaw[i] - reference[i])).isLessThan(1e-5f);
        assertThat(Math.abs(allLocal[i] - reference[i])).isLessThan(1e-5f);
        assertThat(Math.abs(mixed[i] - reference[i])).isLessThan(1e-5f);
      }
      // the outputs are not all equal (the comparison above could not pass trivially)
      assertThat(java.util.Arrays.stream(toDouble(reference)).distinct().count()).isGreaterThan(10);
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  @Test
  void loadedBundleEncodesLikeTheSavedModelAndReportsWidthAndFlops() {
    Engine.getInstance().setRandomSeed(6);
    try (GatedModel model = GatedModel.create(ModelBundleTest.description(0))) {
      Path dir = ModelBundle.save(model, tmp.resolve("b"), "toy", "abc", model.evaluate(data, ModelBundleTest.STATE),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
      try (ExpertRunner loaded = ExpertRunner.load(dir); ExpertRunner live = ExpertRunner.of(model)) {
        int t = loaded.indexOf("T");
        float[] raw = row(data, Modality.TEXT, 3);
        float[] a = loaded.encode(t, Modality.TEXT, raw);
        float[] b = live.encode(t, Modality.TEXT, raw);
        assertThat(a).hasSize(loaded.encodedWidth(t, Modality.TEXT));
        for (int j = 0; j < a.length; j++) {
          assertThat(Math.abs(a[j] - b[j])).isLessThan(1e-6f);
        }
        var spec = model.description().expertSpec(t).encoders().get(0);
        assertThat(loaded.encodedWidth(t, Modality.TEXT)).isEqualTo(spec.width());
        assertThat(loaded.encoderFlops(t, Modality.TEXT)).isEqualTo(Flops.encoder(spec, 5));
        // the encoder is part of the expert: strictly less than the whole expert
        assertThat(loaded.encoderFlops(t, Modality.TEXT)).isLessThan(model.expertFlops(t));
      }
      // a runner over a caller's model leaves it open
      assertThat(model.expertPredict(0, data)).hasSize(data.size());
    }
  }

  @Test
  void refusesWrongShapesAndModalities() {
    Engine.getInstance().setRandomSeed(7);
    try (GatedModel model = GatedModel.create(ModelBundleTest.description(0));
        ExpertRunner r = ExpertRunner.of(model)) {
      int t = r.indexOf("T");
      assertThatThrownBy(() -> r.encode(t, Modality.VIDEO, new float[20]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VIDEO");
      assertThatThrownBy(() -> r.encode(t, Modality.TEXT, new float[3]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 floats but expected 40");
      assertThatThrownBy(() -> r.predict(t, List.of(Map.of(Modality.TEXT, new ExpertInput.Encoded(new float[1])))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encoded");
      assertThat(r.indexOf("V+A")).isEqualTo(-1);
    }
  }
}
