package io.isacemu.training.job;

import io.isacemu.training.engine.JobCancelledException;
import io.isacemu.training.engine.ProgressListener;
import io.isacemu.training.engine.Stage;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feeds engine progress into one job (recorded at every epoch, so a restart shows the count it
 * had); throws {@link JobCancelledException} once the job has been cancelled. The completed-epoch
 * count is the epochs restored from checkpoints plus those trained in this run, and never less than
 * the count the job started this run with. Every update holds {@code lock}, the owning
 * {@link JobService}'s monitor, which also guards the {@link Job}.
 */
final class JobProgress implements ProgressListener {

  private final Job job;
  private final Object lock;
  private final Clock clock;
  private final JobMetrics metrics;
  private final Consumer<Job> record;
  private final int floor;
  private int restored;
  private int trained;

  /**
   * @param record writes the job's record; called with {@code lock} held
   */
  JobProgress(Job job, Object lock, Clock clock, JobMetrics metrics, Consumer<Job> record) {
    this.job = job;
    this.lock = lock;
    this.clock = clock;
    this.metrics = metrics;
    this.record = record;
    synchronized (lock) {
      this.floor = job.completedEpochs;
    }
  }

  private void count() {
    job.completedEpochs = Math.max(floor, restored + trained);
  }

  @Override
  public void onStage(Stage stage, String subject) {
    synchronized (lock) {
      checkCancelled();
      job.stage = stage;
      job.subject = subject;
      job.epoch = 0;
      job.epochs = 0;
      job.lastMark = clock.instant();
      job.message(job.lastMark, stage + " " + subject);
    }
  }

  @Override
  public void onEpoch(
      Stage stage,
      int epoch,
      int epochs,
      double trainLoss,
      double validLoss,
      Map<String, Double> validMetrics,
      double samplesPerSecond) {
    synchronized (lock) {
      checkCancelled();
      job.stage = stage;
      job.epoch = epoch;
      job.epochs = epochs;
      job.lastTrainLoss = trainLoss;
      job.lastValidLoss = validLoss;
      job.validMetrics = Map.copyOf(validMetrics);
      job.samplesPerSecond = samplesPerSecond;
      metrics.epoch(job.epochDone(clock.instant()), trainLoss, validLoss, samplesPerSecond);
      trained++;
      count();
      record.accept(job);
    }
  }

  @Override
  public void onMessage(String text) {
    synchronized (lock) {
      checkCancelled();
      job.message(clock.instant(), text);
    }
  }

  @Override
  public void onRestored(String subject, int epochs, int maxEpochs, boolean complete) {
    synchronized (lock) {
      checkCancelled();
      restored += epochs; // the epoch counter goes on from the checkpoint, not from 0
      count();
      if (!complete) {
        job.stage = Stage.STAGE_I;
        job.subject = subject;
        job.epoch = epochs;
        job.epochs = maxEpochs;
      }
      job.message(clock.instant(), "stage I " + subject + " restored from its checkpoint (" + epochs + " epochs"
          + (complete ? ", done" : "; resuming with epoch " + (epochs + 1) + " of " + maxEpochs) + ")");
      record.accept(job);
    }
  }

  private void checkCancelled() {
    if (job.cancelRequested) {
      throw new JobCancelledException("cancelled while running");
    }
  }
}
