package io.isacemu.bs.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.LoadReport;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.proto.RawFeatures;
import io.isacemu.proto.SampleResult;
import io.isacemu.proto.SenseResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The BS's inference input on unaligned data: each modality's raw samples are its own T_m × d_m. */
class UnalignedInputsTest {

  static final Map<Modality, Integer> STEPS = Map.of(Modality.TEXT, 3, Modality.AUDIO, 5, Modality.VIDEO, 4);
  static final Map<Modality, Integer> DIMS = Map.of(Modality.TEXT, 2, Modality.AUDIO, 3, Modality.VIDEO, 1);

  private static ArraySplit split(String prefix) {
    ArraySplit.Builder b = ArraySplit.builder(2).labels(new float[] {1.5f, -2f})
        .ids(new String[] {prefix + "0", prefix + "1"});
    for (Modality m : Modality.values()) {
      int row = STEPS.get(m) * DIMS.get(m);
      float[] x = new float[2 * row];
      for (int i = 0; i < x.length; i++) {
        x[i] = m.ordinal() * 100 + i;
      }
      b.modality(m, STEPS.get(m), DIMS.get(m), x);
    }
    return b.build();
  }

  private final DatasetCatalog catalog = DatasetCatalog.of(
      MultimodalDataset.of("unaligned", split("tr"), split("va"), split("te"), LoadReport.clean()));

  private static float[] row(Modality m, int i) {
    int row = STEPS.get(m) * DIMS.get(m);
    float[] v = new float[row];
    for (int j = 0; j < row; j++) {
      v[j] = m.ordinal() * 100 + i * row + j;
    }
    return v;
  }

  private static SenseResult result(String id, int steps, int dim, float[] values) {
    RawFeatures.Builder raw = RawFeatures.newBuilder().setSteps(steps).setDim(dim);
    for (float v : values) {
      raw.addValues(v);
    }
    return SenseResult.newBuilder().addSamples(SampleResult.newBuilder().setSampleId(id).setRaw(raw)).build();
  }

  @Test
  void theCatalogKeepsEachModalitysLength() {
    assertThat(catalog.sequenceLengths()).isEqualTo(STEPS);
    assertThat(catalog.sequenceLength(Modality.AUDIO)).contains(5);
  }

  @Test
  void aRawAudioSampleOfItsOwnLengthIsKeptAndOneOfTheTextLengthDropped() {
    SenseResultReader reader = new SenseResultReader(catalog);
    assertThat(reader.raw(Modality.AUDIO, result("te0", 5, 3, row(Modality.AUDIO, 0)), List.of("te0")))
        .containsOnlyKeys("te0");
    // 3 × 3 = text's T with audio's d: not an audio sample of this dataset
    assertThat(reader.raw(Modality.AUDIO, result("te0", 3, 3, new float[9]), List.of("te0"))).isEmpty();
  }

  @Test
  void theGatesSplitHasEveryModalityAtItsOwnLength() {
    SampleInputs in = new SampleInputs(catalog, List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()));
    Map<Modality, Map<String, float[]>> features = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      features.put(m, Map.of("te0", row(m, 0), "te1", row(m, 1)));
    }
    Fetcher.Round empty = Fetcher.Round.empty(List.of());
    in.add(new Fetcher.Round(features, List.of(), 0, 0, 0, 0, 0, List.of(), empty.encoded()));
    MultimodalSplit s = in.split(List.of("te1", "te0"), List.of(Modality.VIDEO, Modality.AUDIO, Modality.TEXT));
    for (Modality m : Modality.values()) {
      assertThat(s.sequenceLength(m)).as(m.name()).isEqualTo(STEPS.get(m));
      assertThat(s.featureDim(m)).as(m.name()).isEqualTo(DIMS.get(m));
      float[] got = new float[STEPS.get(m) * DIMS.get(m)];
      s.features(m).get(0, got);
      assertThat(got).as(m + " of te1").isEqualTo(row(m, 1));
    }
    assertThat(s.label(0)).isEqualTo(-2f);
    assertThat(s.aligned()).isFalse();
  }
}
