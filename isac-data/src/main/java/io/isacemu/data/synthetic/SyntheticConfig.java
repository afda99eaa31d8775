package io.isacemu.data.synthetic;

import io.isacemu.core.validation.Check;

/**
 * Configuration of the seeded synthetic CMU-MOSEI-shaped dataset ({@link SyntheticDataset}).
 *
 * <p>Every sample belongs to one evidence group: text-decisive ({@code textOnlyShare}), decided by
 * video+audio while the text is ambiguous or misleading ({@code avOnlyShare}), and the rest, where
 * each modality carries a noisy part of the evidence and all three are needed.
 *
 * @param seed seed of the only random generator used (any value); same config ⇒ same bytes
 * @param trainSize training samples, in [1, 1 000 000]
 * @param validSize validation samples, in [1, 1 000 000]
 * @param testSize test samples, in [1, 1 000 000]
 * @param sequenceLength time steps per sample {@code T}, in [1, 1000]
 * @param textOnlyShare fraction of each split decided by text alone, in [0, 1]
 * @param avOnlyShare fraction decided by video+audio only (text weak or flipped), in [0, 1];
 *     {@code textOnlyShare + avOnlyShare ≤ 1}
 * @param misleadingTextShare within the video+audio group, the fraction whose text signal is
 *     flipped (points to −s); the others carry a weak text signal; in [0, 1]
 * @param featureNoise standard deviation of the Gaussian noise added to every feature value, in
 *     [0, 10] (the signal part has an RMS of about 0.5)
 * @param labelNoise standard deviation of the Gaussian noise added to the latent sentiment to form
 *     the label (then clipped to [−3, 3]), in [0, 3]
 * @param allTextAmplitude the text amplitude {@code a_T} in the all-three group, in [0, 1]: 1 in the
 *     default profile (the text looks as sure as a text-decisive sample's); below 1 the text says how
 *     unsure it is, so the T expert's confidence predicts its correctness ({@link SyntheticProfile#PAPER})
 */
public record SyntheticConfig(
    long seed,
    int trainSize,
    int validSize,
    int testSize,
    int sequenceLength,
    double textOnlyShare,
    double avOnlyShare,
    double misleadingTextShare,
    double featureNoise,
    double labelNoise,
    double allTextAmplitude) {

  private static final int MAX_SPLIT = 1_000_000;

  public SyntheticConfig {
    checkSize("trainSize", trainSize);
    checkSize("validSize", validSize);
    checkSize("testSize", testSize);
    if (sequenceLength < 1 || sequenceLength > 1000) {
      throw new IllegalArgumentException(
          "sequenceLength: " + sequenceLength + " is outside the valid range [1, 1000]");
    }
    Check.inRange("textOnlyShare", textOnlyShare, 0, 1);
    Check.inRange("avOnlyShare", avOnlyShare, 0, 1);
    if (textOnlyShare + avOnlyShare > 1 + 1e-12) {
      throw new IllegalArgumentException(
          "textOnlyShare + avOnlyShare: "
              + textOnlyShare
              + " + "
              + avOnlyShare
              + " = "
              + (textOnlyShare + avOnlyShare)
              + " must be <= 1");
    }
    Check.inRange("misleadingTextShare", misleadingTextShare, 0, 1);
    Check.inRange("featureNoise", featureNoise, 0, 10);
    Check.inRange("labelNoise", labelNoise, 0, 3);
    Check.inRange("allTextAmplitude", allTextAmplitude, 0, 1);
    long floats = (long) Math.max(trainSize, Math.max(validSize, testSize)) * sequenceLength * 300;
    if (floats > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "splitSize x sequenceLength: "
              + floats
              + " text floats in one split exceed a Java array; reduce sizes or sequenceLength");
    }
  }

  /** The default profile's structure ({@code allTextAmplitude} 1) with the other fields given. */
  public SyntheticConfig(long seed, int trainSize, int validSize, int testSize, int sequenceLength,
      double textOnlyShare, double avOnlyShare, double misleadingTextShare, double featureNoise, double labelNoise) {
    this(seed, trainSize, validSize, testSize, sequenceLength, textOnlyShare, avOnlyShare, misleadingTextShare,
        featureNoise, labelNoise, 1.0);
  }

  private static void checkSize(String field, int value) {
    if (value < 1 || value > MAX_SPLIT) {
      throw new IllegalArgumentException(
          field + ": " + value + " is outside the valid range [1, " + MAX_SPLIT + "]");
    }
  }

  /**
   * Defaults: seed 7, 1200/300/600 samples, T = 20, 55 % text-decisive, 30 % video+audio-decisive
   * (half of them with flipped text), feature noise 0.5, label noise 0.1. Small enough that every
   * expert trains in minutes on 2 CPU cores.
   */
  public static SyntheticConfig defaults() {
    return new SyntheticConfig(7L, 1200, 300, 600, 20, 0.55, 0.30, 0.5, 0.5, 0.1, 1.0);
  }

  /**
   * The {@link SyntheticProfile#PAPER} profile at the defaults' seed, sizes and T: 50 % text-decisive,
   * 15 % video+audio-decisive with faint unrelated text (no misleading text), 35 % needing all three
   * with the text at half amplitude; feature noise 0.5, label noise 0.3. Shaped after the paper's
   * Table I (T well above V and A, fusion above T), not calibrated to MOSEI: it is not MOSEI.
   */
  public static SyntheticConfig paper() {
    return new SyntheticConfig(7L, 1200, 300, 600, 20, 0.50, 0.15, 0.0, 0.5, 0.3, 0.5);
  }

  /** This config with another seed. */
  public SyntheticConfig withSeed(long newSeed) {
    return new SyntheticConfig(
        newSeed, trainSize, validSize, testSize, sequenceLength, textOnlyShare, avOnlyShare,
        misleadingTextShare, featureNoise, labelNoise, allTextAmplitude);
  }

  /** This config with other split sizes. */
  public SyntheticConfig withSizes(int train, int valid, int test) {
    return new SyntheticConfig(
        seed, train, valid, test, sequenceLength, textOnlyShare, avOnlyShare, misleadingTextShare,
        featureNoise, labelNoise, allTextAmplitude);
  }

  /** This config with another sequence length. */
  public SyntheticConfig withSequenceLength(int t) {
    return new SyntheticConfig(
        seed, trainSize, validSize, testSize, t, textOnlyShare, avOnlyShare, misleadingTextShare,
        featureNoise, labelNoise, allTextAmplitude);
  }

  /** This config with other evidence shares. */
  public SyntheticConfig withShares(double textOnly, double avOnly) {
    return new SyntheticConfig(
        seed, trainSize, validSize, testSize, sequenceLength, textOnly, avOnly,
        misleadingTextShare, featureNoise, labelNoise, allTextAmplitude);
  }
}
