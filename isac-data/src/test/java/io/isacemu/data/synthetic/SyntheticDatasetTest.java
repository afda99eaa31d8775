package io.isacemu.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import java.nio.FloatBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

  private static final SyntheticConfig SMALL = SyntheticConfig.defaults().withSizes(200, 40, 60).withSequenceLength(6);

  @Test
  void sameSeedSameBytesAndFingerprint() {
    MultimodalDataset a = SyntheticDataset.generate(SMALL);
    MultimodalDataset b = SyntheticDataset.generate(SMALL);
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(64);
    for (Modality m : Modality.values()) {
      assertThat(toArray(a.test().features(m))).isEqualTo(toArray(b.test().features(m)));
    }
    MultimodalDataset c = SyntheticDataset.generate(SMALL.withSeed(8));
    assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
    assertThat(toArray(c.train().features(Modality.TEXT)))
        .isNotEqualTo(toArray(a.train().features(Modality.TEXT)));
  }

  /** Pinned so that a change of the generator (or a JVM that computes differently) is noticed. */
  @Test
  void fingerprintIsPinned() {
    MultimodalDataset d = SyntheticDataset.generate(SyntheticConfig.defaults().withSizes(20, 5, 5).withSequenceLength(3));
    assertThat(d.fingerprint()).isEqualTo(PINNED);
  }

  static final String PINNED = "d024ae0fba6b8d610b9e2247b51eec807314331e1a9a610269bad869b1b61439";

  @Test
  void shapesFollowMosei() {
    MultimodalDataset d = SyntheticDataset.generate(SMALL);
    assertThat(d.name()).isEqualTo("synthetic(seed=7)");
    assertThat(d.train().size()).isEqualTo(200);
    assertThat(d.valid().size()).isEqualTo(40);
    assertThat(d.test().size()).isEqualTo(60);
    for (MultimodalSplit s : new MultimodalSplit[] {d.train(), d.valid(), d.test()}) {
      assertThat(s.sequenceLength()).isEqualTo(6);
      assertThat(s.featureDim(Modality.VIDEO)).isEqualTo(35);
      assertThat(s.featureDim(Modality.AUDIO)).isEqualTo(74);
      assertThat(s.featureDim(Modality.TEXT)).isEqualTo(300);
      assertThat(s.features(Modality.AUDIO).remaining()).isEqualTo(s.size() * 6 * 74);
      for (int i = 0; i < s.size(); i++) {
        assertThat(s.label(i)).isBetween(-3f, 3f);
      }
    }
    assertThat(d.report().nans()).isEmpty();
    assertThat(d.train().id(3)).isEqualTo("syn-train-000003");
  }

  @Property(tries = 15)
  void evidenceSharesAsConfigured(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 100) int textPct,
      @ForAll @IntRange(min = 0, max = 100) int avPct) {
    if (textPct + avPct > 100) {
      avPct = 100 - textPct;
    }
    SyntheticConfig c =
        SyntheticConfig.defaults().withSizes(n, 1, 1).withSequenceLength(1).withShares(textPct / 100.0, avPct / 100.0);
    MultimodalSplit s = SyntheticDataset.generate(c).train();
    int text = 0;
    int av = 0;
    int all = 0;
    for (int i = 0; i < n; i++) {
      ModalitySet e = s.evidence(i).orElseThrow();
      if (e.equals(ModalitySet.of(Modality.TEXT))) {
        text++;
      } else if (e.equals(ModalitySet.of(Modality.VIDEO, Modality.AUDIO))) {
        av++;
      } else {
        assertThat(e).isEqualTo(ModalitySet.all());
        all++;
      }
    }
    int expText = (int) Math.round(n * textPct / 100.0);
    assertThat(text).isEqualTo(expText);
    assertThat(av).isEqualTo(Math.min(n - expText, (int) Math.round(n * avPct / 100.0)));
    assertThat(text + av + all).isEqualTo(n);
  }

  /**
   * The evidence groups are real: on text-decisive samples a linear readout of the text features
   * tracks the label and one of video does not; on video+audio-decisive samples video tracks it and
   * ambiguous text does not (measured without misleading samples, whose flipped text a per-group
   * readout would simply learn to invert).
   */
  @Test
  void evidenceGroupsCarryTheSignal() {
    MultimodalDataset d = SyntheticDataset.generate(SyntheticConfig.defaults().withSizes(1500, 1, 1).withSequenceLength(4));
    MultimodalSplit s = d.train();
    ModalitySet textOnly = ModalitySet.of(Modality.TEXT);
    ModalitySet av = ModalitySet.of(Modality.VIDEO, Modality.AUDIO);
    double textOnText = readoutCorrelation(s, Modality.TEXT, textOnly);
    double videoOnText = readoutCorrelation(s, Modality.VIDEO, textOnly);
    double videoOnAv = readoutCorrelation(s, Modality.VIDEO, av);
    SyntheticConfig c = SyntheticConfig.defaults();
    MultimodalSplit noMisleading = SyntheticDataset.generate(new SyntheticConfig(c.seed(), 1500, 1, 1, 4,
        c.textOnlyShare(), c.avOnlyShare(), 0.0, c.featureNoise(), c.labelNoise())).train();
    double textOnAv = readoutCorrelation(noMisleading, Modality.TEXT, av);
    assertThat(textOnText).isGreaterThan(0.9); // measured 0.997
    assertThat(videoOnText).isLessThan(0.2); // 0.016
    assertThat(videoOnAv).isGreaterThan(0.8); // 0.873
    assertThat(textOnAv).isLessThan(0.2); // ambiguous text carries no information on the label
  }

  /**
   * The paper profile: where the text is unsure it is fainter, so loudness (and with it the T expert's
   * confidence) tells a text-decisive sample from the others; in the default profile the all-three
   * group's text is as loud as a text-decisive sample's.
   */
  @Test
  void paperProfileMakesUnsureTextFaint() {
    MultimodalSplit paper = SyntheticDataset.generate(SyntheticConfig.paper().withSizes(600, 1, 1).withSequenceLength(4)).train();
    MultimodalSplit dflt = SyntheticDataset.generate(SyntheticConfig.defaults().withSizes(600, 1, 1).withSequenceLength(4)).train();
    ModalitySet textOnly = ModalitySet.of(Modality.TEXT);
    double paperRatio = textRms(paper, ModalitySet.all()) / textRms(paper, textOnly);
    double defaultRatio = textRms(dflt, ModalitySet.all()) / textRms(dflt, textOnly);
    assertThat(paperRatio).isLessThan(0.85);
    assertThat(defaultRatio).isGreaterThan(0.9);
    assertThat(SyntheticConfig.paper().misleadingTextShare()).isZero();
    assertThat(SyntheticProfile.parse("Paper")).isEqualTo(SyntheticProfile.PAPER);
    assertThat(SyntheticProfile.parse(null)).isEqualTo(SyntheticProfile.DEFAULT);
    assertThatThrownBy(() -> SyntheticProfile.parse("mosei")).hasMessageContaining("profile");
  }

  /** RMS of the text features of the samples whose evidence is {@code group}, noise included. */
  private static double textRms(MultimodalSplit s, ModalitySet group) {
    int per = s.sequenceLength() * s.featureDim(Modality.TEXT);
    FloatBuffer f = s.features(Modality.TEXT);
    double sum = 0;
    long n = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.evidence(i).orElseThrow().equals(group)) {
        for (int j = 0; j < per; j++) {
          double v = f.get(i * per + j);
          sum += v * v;
          n++;
        }
      }
    }
    return Math.sqrt(sum / n);
  }

  /**
   * |corr(label, w·x̄)| where x̄ is the time-mean feature vector and w the label-weighted mean of x̄
   * over the group's first half; evaluated on the second half (no leakage).
   */
  private static double readoutCorrelation(MultimodalSplit s, Modality m, ModalitySet group) {
    int t = s.sequenceLength();
    int dim = s.featureDim(m);
    FloatBuffer f = s.features(m);
    java.util.List<double[]> xs = new java.util.ArrayList<>();
    java.util.List<Double> ys = new java.util.ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (!s.evidence(i).orElseThrow().equals(group)) {
        continue;
      }
      double[] x = new double[dim];
      for (int step = 0; step < t; step++) {
        for (int k = 0; k < dim; k++) {
          x[k] += f.get((i * t + step) * dim + k) / t;
        }
      }
      xs.add(x);
      ys.add((double) s.label(i));
    }
    int half = xs.size() / 2;
    double[] w = new double[dim];
    for (int i = 0; i < half; i++) {
      for (int k = 0; k < dim; k++) {
        w[k] += xs.get(i)[k] * ys.get(i);
      }
    }
    double[] p = new double[xs.size() - half];
    double[] y = new double[p.length];
    for (int i = half; i < xs.size(); i++) {
      double v = 0;
      for (int k = 0; k < dim; k++) {
        v += w[k] * xs.get(i)[k];
      }
      p[i - half] = v;
      y[i - half] = ys.get(i);
    }
    return Math.abs(corr(p, y));
  }

  private static double corr(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / a.length;
      mb += b[i] / b.length;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  @Test
  void configValidationNamesField() {
    assertThatThrownBy(() -> SyntheticConfig.defaults().withShares(0.7, 0.4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("textOnlyShare + avOnlyShare");
    assertThatThrownBy(() -> SyntheticConfig.defaults().withSizes(0, 1, 1)).hasMessageContaining("trainSize: 0");
    assertThatThrownBy(() -> SyntheticConfig.defaults().withSequenceLength(0)).hasMessageContaining("sequenceLength: 0");
    assertThatThrownBy(() -> SyntheticConfig.defaults().withShares(-0.1, 0)).hasMessageContaining("textOnlyShare: -0.1");
  }

  static float[] toArray(FloatBuffer b) {
    float[] a = new float[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
