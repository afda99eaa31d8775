package io.isacemu.training.engine;

import java.nio.file.Path;

/**
 * The engine in place while no real training back end is installed: every job fails at once with
 * the reason {@value #REASON}. Failing honestly beats inventing a result.
 */
public final class UnavailableTrainingEngine implements TrainingEngine {

  /** The error reason of every job run on this engine. */
  public static final String REASON = "no training engine installed";

  @Override
  public TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir) {
    throw new IllegalStateException(REASON);
  }
}
