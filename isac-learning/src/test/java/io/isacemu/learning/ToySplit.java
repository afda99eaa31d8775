package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import java.nio.FloatBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Test-only toy dataset: half of the samples (seeded) carry the sentiment in the text (video and
 * audio are noise), the other half in video and audio (text is label-free noise: ambiguous). Text
 * is left-padded with a random number of all-zero rows, like MOSEI.
 */
final class ToySplit implements MultimodalSplit {

  private final int n;
  private final int steps;
  private final Map<Modality, Integer> dims;
  private final Map<Modality, float[]> data;
  private final float[] labels;
  private final boolean[] textDecides;
  private final int offset;

  private ToySplit(int n, int steps, Map<Modality, Integer> dims, Map<Modality, float[]> data,
      float[] labels, boolean[] textDecides, int offset) {
    this.n = n;
    this.steps = steps;
    this.dims = dims;
    this.data = data;
    this.labels = labels;
    this.textDecides = textDecides;
    this.offset = offset;
  }

  /** {@code n} samples of length {@code steps} with small dims V=4, A=4, T=8. */
  static ToySplit generate(int n, int steps, long seed) {
    return generate(n, steps, Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 8), seed);
  }

  static ToySplit generate(int n, int steps, Map<Modality, Integer> dims, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    // fixed "meaning" directions, shared by every split generated with the same dims
    SplittableRandom dirRng = new SplittableRandom(12345);
    Map<Modality, float[]> dir = new EnumMap<>(Modality.class);
    Map<Modality, float[]> data = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      float[] v = new float[dims.get(m)];
      for (int i = 0; i < v.length; i++) {
        v[i] = dirRng.nextBoolean() ? 1f : -1f;
      }
      dir.put(m, v);
      data.put(m, new float[n * steps * dims.get(m)]);
    }
    float[] labels = new float[n];
    boolean[] text = new boolean[n];
    for (int s = 0; s < n; s++) {
      float y = (float) (rng.nextDouble() * 6 - 3);
      labels[s] = y;
      text[s] = rng.nextBoolean();
      int pad = rng.nextInt(steps / 2 + 1);
      for (Modality m : Modality.values()) {
        boolean carries = (m == Modality.TEXT) == text[s];
        int d = dims.get(m);
        float[] arr = data.get(m);
        for (int t = 0; t < steps; t++) {
          if (m == Modality.TEXT && t < pad) {
            continue; // left padding: all-zero rows
          }
          for (int f = 0; f < d; f++) {
            float noise = (float) (rng.nextGaussian() * 0.3);
            float signal = carries ? y / 3f * dir.get(m)[f] : 0f;
            // a constant offset keeps non-padding rows non-zero
            arr[(s * steps + t) * d + f] = signal + noise + 0.5f;
          }
        }
      }
    }
    return new ToySplit(n, steps, Map.copyOf(dims), data, labels, text, 0);
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public int sequenceLength() {
    return steps;
  }

  @Override
  public Set<Modality> modalities() {
    return dims.keySet();
  }

  @Override
  public int featureDim(Modality m) {
    Integer d = dims.get(m);
    if (d == null) {
      throw new IllegalArgumentException("modality: " + m + " not in this split");
    }
    return d;
  }

  @Override
  public FloatBuffer features(Modality m) {
    int row = steps * featureDim(m);
    return FloatBuffer.wrap(data.get(m), offset * row, n * row).slice().asReadOnlyBuffer();
  }

  @Override
  public float label(int i) {
    return labels[offset + i];
  }

  @Override
  public String id(int i) {
    return "toy-" + (offset + i);
  }

  /** Whether the text carries the label of sample {@code i}. */
  boolean textDecides(int i) {
    return textDecides[offset + i];
  }

  @Override
  public Optional<ModalitySet> evidence(int i) {
    return Optional.of(textDecides(i) ? ModalitySet.of(Modality.TEXT) : ModalitySet.of(Modality.VIDEO, Modality.AUDIO));
  }

  @Override
  public MultimodalSplit slice(int from, int to) {
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException("slice: [" + from + ", " + to + ") outside [0, " + n + "]");
    }
    return new ToySplit(to - from, steps, dims, data, labels, textDecides, offset + from);
  }
}
