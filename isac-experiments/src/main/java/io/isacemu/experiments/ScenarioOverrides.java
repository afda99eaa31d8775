package io.isacemu.experiments;

import java.util.Optional;

/**
 * Values set over a scenario file's own (the CLI's {@code --samples}, {@code --epochs}, {@code
 * --lambda}); empty = the file's value.
 *
 * @param samples {@code serving.samplesPerPoint}
 * @param epochs {@code training.epochsStageOne} and {@code epochsStageTwo}
 * @param deployLambda {@code training.deployLambda}
 */
public record ScenarioOverrides(Optional<Integer> samples, Optional<Integer> epochs, Optional<Double> deployLambda) {

  /** Nothing set over the file. */
  public static final ScenarioOverrides NONE = new ScenarioOverrides(Optional.empty(), Optional.empty(), Optional.empty());

  boolean isEmpty() {
    return samples.isEmpty() && epochs.isEmpty() && deployLambda.isEmpty();
  }
}
