package io.isacemu.data.synthetic;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.LoadReport;
import io.isacemu.data.MultimodalDataset;
import java.util.SplittableRandom;

/**
 * The embedded default dataset: seeded, synthetic, shaped like CMU-MOSEI (video 35, audio 74, text
 * 300 features per step, label in [−3, 3]).
 *
 * <p>Model. A latent sentiment {@code s ~ U[−3, 3]} gives the label {@code clip(s + σ_y·ε, −3, 3)}.
 * Modality {@code m} sees a modality-specific latent {@code z_m} and emits, per step {@code t} and
 * feature {@code f},
 *
 * <pre>  x[t][f] = a_m · (A_m φ_m(z_m))_f · (1 + ½ sin(2π ω_f (t+1)/T + ψ_f)) + σ_x · ε</pre>
 *
 * where {@code φ_m} are four different nonlinear maps per modality (tanh/sin/cubic features, so no
 * modality is a linear copy of another), {@code A_m} a fixed random projection ({@code d_m × 4},
 * entries N(0, 1/4)), {@code ω_f, ψ_f} fixed per-feature temporal patterns. The evidence group
 * chooses {@code z_m} and the amplitude {@code a_m}:
 *
 * <ul>
 *   <li>text-decisive: {@code z_T = s}; video and audio see an unrelated {@code U[−3, 3]} draw at
 *       amplitude {@code a = 0.25}; evidence {@code T};
 *   <li>video+audio-decisive: {@code z_V, z_A = s + N(0, 0.5²)}; text is misleading ({@code z_T = −s}
 *       at full amplitude, share {@code misleadingTextShare}) or ambiguous (an unrelated draw at
 *       {@code a_T = 0.25}: it carries no information on {@code s}); evidence {@code V+A};
 *   <li>the rest: each {@code z_m = s + N(0, 1.5²)} independently, the text at amplitude {@code
 *       a_T = allTextAmplitude} (1 in the default profile, ½ in {@link SyntheticProfile#PAPER}: a
 *       fainter text that is also less reliable, so the T expert's confidence tells); evidence {@code V+A+T}.
 * </ul>
 *
 * <p>Determinism: one {@link SplittableRandom} seeded by the config, consumed in a fixed order;
 * Gaussians by Marsaglia's polar method and every transcendental through {@link StrictMath}, so the bytes are the
 * same in every JVM. Group membership is exact: {@code round(N·share)} samples per group, shuffled.
 */
public final class SyntheticDataset {

  private static final int BASIS = 4;
  private static final Modality[] ORDER = {Modality.VIDEO, Modality.AUDIO, Modality.TEXT};

  private SyntheticDataset() {}

  /** Generates the dataset for {@code config}; same config ⇒ same bytes and fingerprint. */
  public static MultimodalDataset generate(SyntheticConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config: is required (was null)");
    }
    SplittableRandom master = new SplittableRandom(config.seed());
    Projection[] projections = new Projection[ORDER.length];
    Gaussian projRng = new Gaussian(master.split());
    for (int k = 0; k < ORDER.length; k++) {
      projections[k] = new Projection(ORDER[k].moseiFeatureDim(), projRng);
    }
    ArraySplit train = split("train", config.trainSize(), config, projections, master.split());
    ArraySplit valid = split("valid", config.validSize(), config, projections, master.split());
    ArraySplit test = split("test", config.testSize(), config, projections, master.split());
    return MultimodalDataset.of(
        "synthetic(seed=" + config.seed() + ")", train, valid, test, LoadReport.clean());
  }

  private enum Group {
    TEXT_ONLY,
    AV_ONLY,
    ALL
  }

  private static ArraySplit split(
      String name, int n, SyntheticConfig c, Projection[] projections, SplittableRandom rng) {
    Gaussian g = new Gaussian(rng);
    int nText = (int) Math.round(n * c.textOnlyShare());
    int nAv = Math.min(n - nText, (int) Math.round(n * c.avOnlyShare()));
    Group[] groups = new Group[n];
    for (int i = 0; i < n; i++) {
      groups[i] = i < nText ? Group.TEXT_ONLY : i < nText + nAv ? Group.AV_ONLY : Group.ALL;
    }
    for (int i = n - 1; i > 0; i--) { // Fisher–Yates
      int j = rng.nextInt(i + 1);
      Group tmp = groups[i];
      groups[i] = groups[j];
      groups[j] = tmp;
    }
    int t = c.sequenceLength();
    float[][] data = new float[ORDER.length][];
    for (int k = 0; k < ORDER.length; k++) {
      data[k] = new float[n * t * ORDER[k].moseiFeatureDim()];
    }
    float[] labels = new float[n];
    String[] ids = new String[n];
    ModalitySet[] evidence = new ModalitySet[n];
    double[] z = new double[ORDER.length];
    double[] amp = new double[ORDER.length];
    for (int i = 0; i < n; i++) {
      double s = -3 + 6 * rng.nextDouble();
      labels[i] = (float) Math.max(-3, Math.min(3, s + c.labelNoise() * g.next()));
      ids[i] = String.format(java.util.Locale.ROOT, "syn-%s-%06d", name, i);
      amp[0] = 1;
      amp[1] = 1;
      amp[2] = 1;
      switch (groups[i]) {
        case TEXT_ONLY -> {
          // video and audio see something unrelated, faintly (an off-topic, low-energy scene)
          z[0] = -3 + 6 * rng.nextDouble();
          z[1] = -3 + 6 * rng.nextDouble();
          amp[0] = 0.25;
          amp[1] = 0.25;
          z[2] = s;
          evidence[i] = ModalitySet.of(Modality.TEXT);
        }
        case AV_ONLY -> {
          z[0] = s + 0.5 * g.next();
          z[1] = s + 0.5 * g.next();
          if (rng.nextDouble() < c.misleadingTextShare()) {
            z[2] = -s; // misleading: text says the opposite, at full strength
          } else {
            // ambiguous: text is about something else and faint — it carries no information on s
            z[2] = -3 + 6 * rng.nextDouble();
            amp[2] = 0.25;
          }
          evidence[i] = ModalitySet.of(Modality.VIDEO, Modality.AUDIO);
        }
        case ALL -> {
          z[0] = s + 1.5 * g.next();
          z[1] = s + 1.5 * g.next();
          z[2] = s + 1.5 * g.next();
          amp[2] = c.allTextAmplitude();
          evidence[i] = ModalitySet.all();
        }
      }
      for (int k = 0; k < ORDER.length; k++) {
        projections[k].emit(ORDER[k], z[k], amp[k], c.featureNoise(), g, data[k], i, t);
      }
    }
    ArraySplit.Builder b = ArraySplit.builder(n);
    for (int k = 0; k < ORDER.length; k++) {
      b.modality(ORDER[k], t, ORDER[k].moseiFeatureDim(), data[k]);
    }
    return b.labels(labels).ids(ids).evidence(evidence).build();
  }

  /** Basis maps φ_m(z), z in [−3, 3] (roughly), each output in about [−1, 1]. */
  private static void basis(Modality m, double z, double[] out) {
    switch (m) {
      case TEXT -> {
        out[0] = StrictMath.tanh(z / 1.5);
        out[1] = z / 3;
        out[2] = cube(StrictMath.sin(Math.PI * z / 6));
        out[3] = StrictMath.tanh(z) * StrictMath.tanh(z) - 0.5;
      }
      case VIDEO -> {
        out[0] = StrictMath.sin(0.9 * z);
        out[1] = cube(z / 3);
        out[2] = StrictMath.tanh(2 * z) * 0.8;
        out[3] = StrictMath.cos(0.7 * z) - 0.5;
      }
      case AUDIO -> {
        out[0] = StrictMath.tanh(0.7 * z) * Math.abs(StrictMath.tanh(0.7 * z));
        out[1] = StrictMath.sin(0.5 * z + 0.3);
        out[2] = z * Math.abs(z) / 9;
        out[3] = StrictMath.exp(-z * z / 4) - 0.5;
      }
    }
  }

  private static double cube(double v) {
    return v * v * v;
  }

  /** Fixed per-modality projection A_m and temporal pattern (ω_f, ψ_f). */
  private static final class Projection {
    private final int dim;
    private final double[] weights; // [dim][BASIS]
    private final double[] omega;
    private final double[] phase;
    private final double[] phi = new double[BASIS];
    private final double[] mix;
    private double[] cachedPattern;

    Projection(int dim, Gaussian g) {
      this.dim = dim;
      this.weights = new double[dim * BASIS];
      this.omega = new double[dim];
      this.phase = new double[dim];
      this.mix = new double[dim];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = g.next() * 0.5; // N(0, 1/BASIS)
      }
      for (int f = 0; f < dim; f++) {
        omega[f] = 0.5 + 1.5 * g.uniform();
        phase[f] = 2 * Math.PI * g.uniform();
      }
    }

    void emit(
        Modality m, double z, double amp, double noise, Gaussian g, float[] out, int sample, int t) {
      basis(m, z, phi);
      for (int f = 0; f < dim; f++) {
        double v = 0;
        for (int k = 0; k < BASIS; k++) {
          v += weights[f * BASIS + k] * phi[k];
        }
        mix[f] = amp * v;
      }
      double[] pattern = pattern(t);
      int base = sample * t * dim;
      for (int i = 0; i < t * dim; i++) {
        out[base + i] = (float) (mix[i % dim] * pattern[i] + noise * g.next());
      }
    }

    /** 1 + ½ sin(2π ω_f (t+1)/T + ψ_f) for every (step, feature), cached for the last T. */
    private double[] pattern(int t) {
      if (cachedPattern == null || cachedPattern.length != t * dim) {
        cachedPattern = new double[t * dim];
        for (int step = 0; step < t; step++) {
          double frac = (step + 1) / (double) t;
          for (int f = 0; f < dim; f++) {
            cachedPattern[step * dim + f] =
                1 + 0.5 * StrictMath.sin(2 * Math.PI * omega[f] * frac + phase[f]);
          }
        }
      }
      return cachedPattern;
    }
  }

  /** Gaussians by Marsaglia's polar method over a SplittableRandom; StrictMath for bit-exact results. */
  private static final class Gaussian {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    Gaussian(SplittableRandom rng) {
      this.rng = rng;
    }

    double uniform() {
      return rng.nextDouble();
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // Marsaglia's polar method: one log and one sqrt per pair, no sin/cos
      double u;
      double v;
      double q;
      do {
        u = 2 * rng.nextDouble() - 1;
        v = 2 * rng.nextDouble() - 1;
        q = u * u + v * v;
      } while (q >= 1 || q == 0);
      double f = StrictMath.sqrt(-2 * StrictMath.log(q) / q);
      spare = v * f;
      hasSpare = true;
      return u * f;
    }
  }
}
