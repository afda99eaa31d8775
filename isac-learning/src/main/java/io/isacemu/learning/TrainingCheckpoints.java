package io.isacemu.learning;

import java.util.Optional;

/**
 * Where a {@link TrainingJob} keeps each stage-I expert once it is trained, so that a job
 * interrupted (a crash, a restart) resumes after its last completed expert instead of from epoch 0.
 *
 * <p>Each expert trains from its own seed ({@code seed × 31 + index}), so an expert restored from a
 * checkpoint is exactly the one an uninterrupted run would have trained: a resumed job publishes
 * the same model. The unit is the expert, not the epoch: DJL does not expose Adam's moment
 * estimates for saving, and resuming an epoch without them would train a different model.
 */
public interface ExpertCheckpoints {

  /** A stage-I expert as it was saved: its result and its best parameters (DJL's own encoding). */
  record Saved(TrainingResult.ExpertResult result, byte[] params) {}

  /** The saved expert {@code index} named {@code name}, if it was completed before. */
  Optional<Saved> load(int index, String name);

  /** Keeps expert {@code index} durably (before the job moves on). */
  void save(int index, Saved expert);

  /** No checkpoints: every expert trains. */
  ExpertCheckpoints NONE = new ExpertCheckpoints() {
    @Override
    public Optional<Saved> load(int index, String name) {
      return Optional.empty();
    }

    @Override
    public void save(int index, Saved expert) {}
  };
}
