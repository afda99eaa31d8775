package io.isacemu.learning;

import java.util.Optional;

/**
 * Where a {@link TrainingJob} keeps its stage-I progress after every epoch, so that a job
 * interrupted (a crash, a restart) resumes from its last completed epoch instead of from epoch 0.
 *
 * <p>One checkpoint per stage-I expert run, under the key {@code expert-<index>-<name>} (the name
 * with {@code +} written {@code _}: safe as a file name), replaced after each epoch and kept once
 * the expert is done. The value is opaque to the store: the job encodes (see {@code
 * ExpertCheckpoint}) the model parameters, the optimizer's state (Adam's step count and moments,
 * {@code ResumableAdam}), the epoch count and the early-stopping bookkeeping (best objective, best
 * parameters and their metrics, epochs without improvement), with a checksum. The shuffling RNG is
 * replayed from the seed and DJL's engine is reseeded per epoch from {@code (seed, expert, epoch)},
 * so a resumed job trains bit-identically to an uninterrupted one and publishes the same model.
 *
 * <p>A store must make {@link #save} durable and atomic (a reader sees the old or the new
 * checkpoint, whole) before it returns. A checkpoint that cannot be decoded is ignored with a
 * message (that expert trains again from epoch 0).
 */
public interface TrainingCheckpoints {

  /** The last checkpoint saved under {@code key}, if any. */
  Optional<byte[]> load(String key);

  /** Replaces the checkpoint under {@code key}, durably, before the job moves on. */
  void save(String key, byte[] checkpoint);

  /** No checkpoints: every expert trains from epoch 0. */
  TrainingCheckpoints NONE = new TrainingCheckpoints() {
    @Override
    public Optional<byte[]> load(String key) {
      return Optional.empty();
    }

    @Override
    public void save(String key, byte[] checkpoint) {}
  };
}
