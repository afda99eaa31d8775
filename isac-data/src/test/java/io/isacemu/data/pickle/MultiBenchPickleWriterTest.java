package io.isacemu.data.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiBenchPickleWriterTest {

  @TempDir Path dir;

  private static final SyntheticConfig SMALL =
      SyntheticConfig.defaults().withSizes(30, 7, 9).withSequenceLength(4);

  @Test
  void roundTripIsIdentical() throws IOException {
    MultimodalDataset d = SyntheticDataset.generate(SMALL);
    for (MultiBenchPickleWriter.NumpyModule style : MultiBenchPickleWriter.NumpyModule.values()) {
      Path f = dir.resolve("syn-" + style + ".pkl");
      MultiBenchPickleWriter.write(d, f, style);
      MultimodalDataset back = PickleDatasetReader.read(f, ReadOptions.defaults().withExpectedFeatureDims(ReadOptions.MOSEI_DIMS));
      assertThat(back.fingerprint()).isEqualTo(d.fingerprint());
      assertSame(d.train(), back.train());
      assertSame(d.test(), back.test());
      assertThat(back.report().nans()).containsEntry(Modality.TEXT, 0L);
    }
  }

  @Test
  void roundTripOfReadDataIncludingUnaligned() throws IOException {
    for (String fixture : new String[] {"multibench_f64.pkl", "mmsa_unaligned.pkl"}) {
      MultimodalDataset d = PickleDatasetReader.read(PickleDatasetReaderTest.fixture(fixture), ReadOptions.defaults());
      Path f = dir.resolve("re-" + fixture);
      MultiBenchPickleWriter.write(d, f);
      MultimodalDataset back = PickleDatasetReader.read(f, ReadOptions.defaults());
      assertThat(back.fingerprint()).as(fixture).isEqualTo(d.fingerprint());
    }
  }

  /** Python's own pickle + numpy load the export as real ndarrays with the same shapes and values. */
  @Test
  void pythonLoadsTheExport() throws Exception {
    assumeThat(pythonWithNumpy()).as("python3 with numpy on PATH").isTrue();
    MultimodalDataset d = SyntheticDataset.generate(SMALL);
    Path f = dir.resolve("export.pkl");
    MultiBenchPickleWriter.write(d, f);
    double sum = 0;
    for (Modality m : Modality.values()) {
      var b = d.valid().features(m);
      while (b.hasRemaining()) {
        sum += b.get();
      }
    }
    String script =
        String.join(
            "\n",
            "import pickle, sys, numpy as np",
            "d = pickle.load(open(sys.argv[1], 'rb'))",
            "assert sorted(d) == ['test', 'train', 'valid'], sorted(d)",
            "v = d['valid']",
            "assert sorted(v) == ['audio', 'id', 'labels', 'text', 'vision'], sorted(v)",
            "assert all(isinstance(v[k], np.ndarray) for k in v)",
            "assert v['vision'].shape == (7, 4, 35) and v['vision'].dtype == np.float32",
            "assert v['audio'].shape == (7, 4, 74) and v['text'].shape == (7, 4, 300)",
            "assert v['labels'].shape == (7, 1, 1) and d['train']['labels'].shape == (30, 1, 1)",
            "assert v['id'][3] == 'syn-valid-000003', v['id'][3]",
            "s = sum(float(v[k].astype(np.float64).sum()) for k in ('vision', 'audio', 'text'))",
            "print(repr(s), repr(float(v['labels'][2, 0, 0])), repr(float(d['test']['text'][8, 3, 299])))");
    Path py = dir.resolve("check.py");
    Files.writeString(py, script);
    Process p =
        new ProcessBuilder("python3", py.toString(), f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    String[] parts = out.split("\\s+");
    assertThat(Double.parseDouble(parts[0])).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(sum))));
    assertThat(Float.parseFloat(parts[1])).isEqualTo(d.valid().label(2));
    assertThat(Float.parseFloat(parts[2])).isEqualTo(d.test().features(Modality.TEXT).get((8 * 4 + 3) * 300 + 299));
  }

  private static boolean pythonWithNumpy() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void assertSame(MultimodalSplit a, MultimodalSplit b) {
    assertThat(b.size()).isEqualTo(a.size());
    for (Modality m : Modality.values()) {
      assertThat(toArray(b.features(m))).isEqualTo(toArray(a.features(m)));
    }
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.label(i)).isEqualTo(a.label(i));
      assertThat(b.id(i)).isEqualTo(a.id(i));
    }
  }

  private static float[] toArray(java.nio.FloatBuffer f) {
    float[] out = new float[f.remaining()];
    f.duplicate().get(out);
    return out;
  }
}
