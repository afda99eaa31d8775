package io.isacemu.data.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A device's read ({@link PickleDatasetReader#readModality}) keeps one modality and equals the full
 * read in everything else: fingerprint (so the BS admits the device), ids, labels, dropped samples
 * and that modality's features, on every fixture layout.
 */
class ModalityReadTest {

  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  @Test
  void eachModalityAloneMatchesTheFullRead() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".pkl")).sorted().toList();
    }
    int checked = 0;
    for (Path f : files) {
      for (boolean drop : new boolean[] {false, true}) {
        ReadOptions o = ReadOptions.defaults().withDropAllZeroText(drop);
        MultimodalDataset full;
        try {
          full = PickleDatasetReader.read(f, o);
        } catch (IllegalArgumentException refused) {
          continue; // fixtures made to be refused are refused by the full read already
        }
        for (Modality m : full.train().modalities()) {
          MultimodalDataset one = PickleDatasetReader.readModality(f, o, m);
          assertThat(one.fingerprint()).as(f + " " + m + " drop=" + drop).isEqualTo(full.fingerprint());
          assertThat(one.report()).isEqualTo(full.report());
          assertThat(one.name()).isEqualTo(full.name());
          for (int s = 0; s < 3; s++) {
            MultimodalSplit a = split(full, s), b = split(one, s);
            assertThat(b.modalities()).isEqualTo(Set.of(m));
            assertThat(b.size()).isEqualTo(a.size());
            assertThat(b.featureDim(m)).isEqualTo(a.featureDim(m));
            assertThat(b.sequenceLength(m)).isEqualTo(a.sequenceLength(m));
            for (int i = 0; i < a.size(); i++) {
              assertThat(b.id(i)).isEqualTo(a.id(i));
              assertThat(b.label(i)).isEqualTo(a.label(i));
            }
            assertThat(values(b.features(m))).isEqualTo(values(a.features(m)));
          }
          checked++;
        }
      }
    }
    assertThat(checked).as("modality reads checked over " + files).isGreaterThanOrEqualTo(12);
  }

  /**
   * The memory point: every feature array the labels-only read digests is digested here too unless it
   * is stored under the kept key, which is decoded. (Arrays the labels-only read stores, e.g. under
   * 256 bytes or in Fortran order, are stored here as well.)
   */
  @Test
  void onlyTheKeptKeysArraysAreStored() throws Exception {
    int digested = 0;
    for (String file : new String[] {"multibench_f32.pkl", "multibench_mixed_layouts.pkl", "protocol5.pkl",
        "mmsa_aligned.pkl", "mmsa_unaligned.pkl"}) {
      java.util.Map<?, ?> keep = load(file, SafeUnpickler.Payloads.KEEP_KEYS);
      java.util.Map<?, ?> digest = load(file, SafeUnpickler.Payloads.DIGEST_FEATURES);
      for (String split : PickleDatasetReader.SPLITS) {
        java.util.Map<?, ?> k = (java.util.Map<?, ?>) keep.get(split), g = (java.util.Map<?, ?>) digest.get(split);
        for (String key : new String[] {"vision", "audio", "text"}) {
          Object dg = ((NdArray) g.get(key)).data, kp = ((NdArray) k.get(key)).data;
          if (key.equals("vision")) {
            assertThat(kp).as(file + " " + split + "." + key).isNotInstanceOf(NdArray.DigestData.class);
          } else {
            assertThat(kp.getClass()).as(file + " " + split + "." + key).isEqualTo(dg.getClass());
          }
          digested += key.equals("vision") || !(dg instanceof NdArray.DigestData) ? 0 : 1;
        }
      }
    }
    assertThat(digested).as("audio/text arrays left out").isGreaterThanOrEqualTo(10);
  }

  private static java.util.Map<?, ?> load(String file, SafeUnpickler.Payloads payloads) throws Exception {
    try (var in = Files.newInputStream(FIXTURES.resolve(file))) {
      return (java.util.Map<?, ?>) PickleLoader.load(in, file, payloads, Set.of("vision"));
    }
  }

  private static MultimodalSplit split(MultimodalDataset d, int s) {
    return s == 0 ? d.train() : s == 1 ? d.valid() : d.test();
  }

  private static float[] values(FloatBuffer b) {
    FloatBuffer d = b.duplicate();
    float[] out = new float[d.remaining()];
    d.get(out);
    return out;
  }
}
