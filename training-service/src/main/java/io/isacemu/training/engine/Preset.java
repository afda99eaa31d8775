package io.isacemu.training.engine;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Locale;

/**
 * A named set of training defaults.
 *
 * <p>{@code demo} is small enough for a laptop run in minutes; {@code mosei-reference} follows the
 * CMU-MOSEI reference setup (split sizes 16,326 / 1,871 / 4,659, sequence length 50).
 */
public enum Preset {
  // the embedded default dataset of every service (SyntheticConfig.defaults(): 1200 / 300 / 600, T = 20)
  DEMO("demo", 1_200, 300, 600, 20, 2, 2, 32),
  MOSEI_REFERENCE("mosei-reference", 16_326, 1_871, 4_659, 50, 20, 10, 32);

  private final String wireName;
  private final int trainSize;
  private final int validSize;
  private final int testSize;
  private final int sequenceLength;
  private final int epochsStageOne;
  private final int epochsStageTwo;
  private final int batchSize;

  Preset(
      String wireName,
      int trainSize,
      int validSize,
      int testSize,
      int sequenceLength,
      int epochsStageOne,
      int epochsStageTwo,
      int batchSize) {
    this.wireName = wireName;
    this.trainSize = trainSize;
    this.validSize = validSize;
    this.testSize = testSize;
    this.sequenceLength = sequenceLength;
    this.epochsStageOne = epochsStageOne;
    this.epochsStageTwo = epochsStageTwo;
    this.batchSize = batchSize;
  }

  /** Name on the wire and in bundles: {@code demo} or {@code mosei-reference}. */
  public String wireName() {
    return wireName;
  }

  /** Default synthetic dataset of this preset. */
  public DatasetSpec.Synthetic syntheticDataset(long seed) {
    return new DatasetSpec.Synthetic(seed, trainSize, validSize, testSize, sequenceLength);
  }

  /** Default stage I epochs per expert, ≥ 1. */
  public int epochsStageOne() {
    return epochsStageOne;
  }

  /** Default stage II epochs per λ, ≥ 1. */
  public int epochsStageTwo() {
    return epochsStageTwo;
  }

  /** Default mini-batch size, ≥ 1. */
  public int batchSize() {
    return batchSize;
  }

  /** Parses a wire name, case-insensitive; the error names the field and value. */
  public static Preset parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (Preset p : values()) {
      if (p.wireName.equals(v)) {
        return p;
      }
    }
    throw new InvalidFieldException(
        "preset", value, "unknown value '" + value + "' (expected demo or mosei-reference)");
  }
}
