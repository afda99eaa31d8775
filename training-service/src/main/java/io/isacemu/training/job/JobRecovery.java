package io.isacemu.training.job;

import io.isacemu.training.TrainingProperties;
import io.isacemu.training.engine.JobSpec;
import io.isacemu.training.store.JobRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart: rebuilds every queued or running job from its record, in id order, to be queued
 * again. A job that cannot resume (no request record, or a request the current settings refuse) is
 * recorded FAILED with the reason instead.
 */
final class JobRecovery {

  private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

  private JobRecovery() {}

  /** The jobs to queue again, in id order; each already carries its restart message. */
  static List<Job> resumable(JobRecords records, TrainingProperties properties, Clock clock) {
    List<Job> out = new ArrayList<>();
    for (JobRecords.Row row : records.all()) {
      if (JobState.valueOf(row.state()).finished()) {
        continue;
      }
      JobView was = records.read(row.view(), JobView.class);
      if (row.request().isEmpty()) {
        fail(records, clock, row, was,
            "interrupted by a restart; it was submitted without a request record to resume it from");
        continue;
      }
      JobRequest request = records.read(row.request().get(), JobRequest.class);
      JobSpec spec;
      try {
        spec = request.toSpec(properties.defaultPreset(), DataDirectory.at(properties.dataDir()));
        properties.limits().check(spec);
      } catch (IllegalArgumentException e) {
        fail(records, clock, row, was, "interrupted by a restart and no longer valid: " + e.getMessage());
        continue;
      }
      Job job = new Job(row.id(), spec, was.submittedAt(), properties.maxMessagesPerJob());
      job.request = Optional.of(request);
      // the epoch counter goes on from what was seen before the restart, never back to 0 (its
      // checkpoints hold at least as many: each is saved before its epoch is reported)
      job.completedEpochs = was.completedEpochs();
      was.messages().forEach(m -> job.message(m.at(), m.text()));
      job.message(clock.instant(), "queued again after a restart of the training service ("
          + was.state().name().toLowerCase() + " before)");
      log.info("job {} ({} before the restart) queued again", job.id, was.state());
      out.add(job);
    }
    return out;
  }

  private static void fail(JobRecords records, Clock clock, JobRecords.Row row, JobView was, String reason) {
    log.warn("job {}: {}", row.id(), reason);
    records.save(row.id(), JobState.FAILED.name(), row.request(), was.failed(reason, clock.instant()), Optional.empty());
  }
}
