package io.isacemu.device.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.LoadReport;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.device.emulator.SampleStore;
import io.isacemu.device.sensing.EncoderSource;
import io.isacemu.learning.ArchitecturePreset;
import io.isacemu.learning.ExpertRunner;
import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.GatedModel;
import io.isacemu.learning.ModelBundle;
import io.isacemu.learning.ModelDescription;
import io.isacemu.learning.TaskLoss;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LOCAL on unaligned data: a device's encoder is the bundle's for its own modality's T_m × d_m. */
class UnalignedLocalEncoderTest {

  static final Map<Modality, Integer> STEPS = Map.of(Modality.TEXT, 3, Modality.AUDIO, 5, Modality.VIDEO, 4);
  static final Map<Modality, Integer> DIMS = Map.of(Modality.TEXT, 2, Modality.AUDIO, 3, Modality.VIDEO, 2);

  @TempDir Path tmp;

  private static ArraySplit split(String prefix, int n) {
    float[] labels = new float[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (i % 5) - 2f;
      ids[i] = prefix + i;
    }
    ArraySplit.Builder b = ArraySplit.builder(n).labels(labels).ids(ids);
    for (Modality m : Modality.values()) {
      float[] x = new float[n * STEPS.get(m) * DIMS.get(m)];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(i * 0.37 + m.ordinal());
      }
      b.modality(m, STEPS.get(m), DIMS.get(m), x);
    }
    return b.build();
  }

  @Test
  void theAudioDeviceEncodesItsOwnLengthAndAnotherLengthIsRefused() throws Exception {
    MultimodalDataset data = MultimodalDataset.of("unaligned", split("tr", 8), split("va", 4), split("te", 4),
        LoadReport.clean());
    SampleStore audio = SampleStore.of(data, Modality.AUDIO);
    assertThat(audio.sequenceLength()).isEqualTo(5);
    assertThat(audio.featureDim()).isEqualTo(3);
    Map<Modality, Integer> widths = Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 4);
    ArchitecturePreset tiny = new ArchitecturePreset("tiny", widths, 1, 2, 1, List.of(4), List.of(4), 4, 1, 1, 4, 0.0);
    ModelDescription d = new ModelDescription(tiny, List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()),
        ModalitySet.of(Modality.TEXT), 0, DIMS, STEPS, TaskLoss.L1, 0.5, new GateCostTable(Map.of(
            "T", new GateExpertCost(0.01, 0.1, 1e3, 1e6), "V+A+T", new GateExpertCost(0.1, 1, 1e5, 1e7)),
            CostMetric.LATENCY));
    Engine.getInstance().setRandomSeed(5);
    Path dir;
    float[] expected;
    // what the device serves for te1: audio's own 5 × 3 floats
    float[] sample = audio.features("te1").orElseThrow();
    assertThat(sample).hasSize(5 * 3);
    try (GatedModel model = GatedModel.create(d)) {
      dir = ModelBundle.save(model, tmp.resolve("model"), data.name(), data.fingerprint(),
          model.evaluate(data.valid(), GateFeatures.none()), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
      try (ExpertRunner runner = ExpertRunner.of(model)) {
        expected = runner.encode(runner.indexOf("V+A+T"), Modality.AUDIO, sample);
      }
    }
    try (BundleEncoders encoders = new BundleEncoders()) {
      encoders.install("v1", dir);
      EncoderSource.Lookup own = encoders.forDevice(Modality.AUDIO, audio.sequenceLength(), audio.featureDim())
          .lookup("v1", "V+A+T");
      assertThat(own).isInstanceOf(EncoderSource.Found.class);
      float[] got = ((EncoderSource.Found) own).encoder().encode(sample, 5, 3);
      assertThat(got).containsExactly(expected);
      // text's T with audio's d: the bundle's audio encoder was not built for it
      EncoderSource.Lookup other = encoders.forDevice(Modality.AUDIO, 3, 3).lookup("v1", "V+A+T");
      assertThat(other).isInstanceOf(EncoderSource.Unavailable.class);
      assertThat(((EncoderSource.Unavailable) other).reason()).contains("encodes 5 x 3 AUDIO")
          .contains("the device's are 3 x 3");
    }
  }
}
