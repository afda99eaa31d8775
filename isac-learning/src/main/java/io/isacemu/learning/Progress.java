package io.isacemu.learning;

import java.util.function.LongSupplier;

/** A job's ETA bookkeeping: epochs done (run or restored) vs. planned (every run at its epoch cap). */
final class Progress {

  private final LongSupplier nanoClock;
  private final long start;
  private final int planned;
  private int done;

  Progress(LearningConfig config, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.planned = config.experts().size() * config.expertEpochs()
        + config.lambdas().size() * config.gateEpochs() * (config.alsoFullGate() ? 2 : 1);
  }

  /** Counts {@code epochs} restored from a checkpoint as done. */
  void restored(int epochs) {
    done += epochs;
  }

  /** Counts one more epoch done; returns the estimated seconds left (mean time per epoch done × epochs left). */
  double eta() {
    done++;
    double perEpoch = (nanoClock.getAsLong() - start) / 1e9 / done;
    return Math.max(0, planned - done) * perEpoch;
  }
}
