package io.isacemu.training.engine;

import java.nio.file.Path;

/**
 * The training back end the service drives: stage I (every expert alone) then stage II (the gate,
 * once per λ), then evaluation into Table I rows.
 *
 * <p>The service calls {@link #train} from a single worker thread, never twice at once (DJL's
 * PyTorch gradient collector is process-global). An implementation writes the bundle's files (gate
 * and expert parameters, its own manifest) into {@code bundleDir}; the service packs that directory
 * into a versioned archive only after {@code train} returns normally, so a failed or cancelled run
 * never publishes anything.
 */
public interface TrainingEngine {

  /**
   * Trains and evaluates one job.
   *
   * @param spec the validated job
   * @param listener progress sink; a call may throw {@link JobCancelledException} when the job was
   *     cancelled, which the engine should let propagate
   * @param bundleDir empty, existing, writable directory owned by this run
   * @return the evaluation rows and the dataset fingerprint
   * @throws Exception any failure; its message becomes the job's error reason
   */
  TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir) throws Exception;

  /**
   * As {@link #train(JobSpec, ProgressListener, Path)}, keeping checkpoints in {@code checkpointDir}
   * (kept across restarts of the service) and resuming from those already there. By default no
   * checkpoints are kept.
   */
  default TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir, Path checkpointDir)
      throws Exception {
    return train(spec, listener, bundleDir);
  }
}
