package io.isacemu.training.job;

import io.isacemu.support.OverloadedException;
import io.isacemu.training.TrainingProperties;
import io.isacemu.training.store.JobRecords;
import io.isacemu.training.bundle.BundleStore;
import io.isacemu.training.bundle.BundleVersions;
import io.isacemu.training.engine.JobCancelledException;
import io.isacemu.training.engine.JobSpec;
import io.isacemu.training.engine.TrainingEngine;
import io.isacemu.training.engine.TrainingOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs training jobs one at a time, in submission order, on a single worker thread (DJL's PyTorch
 * gradient collector is process-global, so two trainings in one JVM would collide).
 *
 * <p>Every job is recorded ({@link JobRecords}: the SQL database in the service) when it is queued,
 * started and finished and after every epoch, so a restart loses none: finished jobs answer with
 * their view and results, and queued and running ones are queued again in id order and resume (a
 * running one from its last completed stage-I epoch, from its per-epoch checkpoints; its epoch
 * counter goes on from there, never back to 0). At most {@code jobHistorySize} finished jobs are
 * kept in memory; older ones are read from the records. A failing job is recorded as FAILED with its
 * reason and its work directory is deleted; the worker then proceeds with the next job unaffected.
 */
@Service
public class JobService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  private final TrainingEngine engine;
  private final BundleStore bundles;
  private final Clock clock;
  private final TrainingProperties properties;
  private final JobMetrics metrics;
  private final ExecutorService worker;
  private final JobTable jobs;
  private final JobRecords records;

  /** A service whose records live in memory (unit tests). */
  public JobService(
      TrainingEngine engine,
      BundleStore bundles,
      Clock clock,
      TrainingProperties properties,
      MeterRegistry meterRegistry) {
    this(engine, bundles, clock, properties, meterRegistry,
        JobRecords.inMemory(new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()));
  }

  /** The service: its records in {@code records}, from which it recovers after a restart. */
  @org.springframework.beans.factory.annotation.Autowired
  public JobService(
      TrainingEngine engine,
      BundleStore bundles,
      Clock clock,
      TrainingProperties properties,
      MeterRegistry meterRegistry,
      JobRecords records) {
    this.records = records;
    this.engine = engine;
    this.bundles = bundles;
    this.clock = clock;
    this.properties = properties;
    this.jobs = new JobTable(properties.jobHistorySize());
    this.metrics = new JobMetrics(meterRegistry, this::count);
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "training-worker");
              t.setDaemon(true);
              return t;
            });
    recover();
  }

  /** After a restart: queued and running jobs are queued again, in id order, to resume. */
  private void recover() {
    for (Job job : JobRecovery.resumable(records, properties, clock)) {
      synchronized (this) {
        jobs.add(job);
        record(job);
      }
      worker.execute(() -> run(job));
    }
  }

  /** Writes the job's record; caller holds the lock. */
  private void record(Job job) {
    Optional<JobResults> results = job.state == JobState.SUCCEEDED
        ? Optional.of(new JobResults(job.id, job.bundleVersion, job.outcome.datasetFingerprint(), job.outcome.rows(),
            job.outcome.deployment()))
        : Optional.empty();
    records.save(job.id, job.state.name(), job.request, job.view(jobs.queuePosition(job)), results);
  }

  /**
   * Queues a job; it starts when every earlier job has ended.
   *
   * @throws OverloadedException when {@code isac.training.limits.max-jobs-in-flight} jobs are
   *     already queued or running; nothing is queued then
   */
  public JobView submit(JobSpec spec) {
    return submit(spec, Optional.empty());
  }

  /**
   * As {@link #submit(JobSpec)}, recording {@code request} (the REST body {@code spec} came from) so
   * that the job can resume after a restart.
   */
  public JobView submit(JobSpec spec, Optional<JobRequest> request) {
    Job job;
    synchronized (this) {
      long inFlight = jobs.inFlight();
      TrainingProperties.Limits limits = properties.limits();
      if (inFlight >= limits.maxJobsInFlight()) {
        throw new OverloadedException(inFlight + " jobs are queued or running, the most the service admits"
            + " (isac.training.limits.max-jobs-in-flight = " + limits.maxJobsInFlight() + "); retry later",
            limits.retryAfterSeconds());
      }
      job = new Job(records.nextId(), spec, clock.instant(), properties.maxMessagesPerJob());
      job.request = request;
      job.message(job.submittedAt, "queued");
      jobs.add(job);
      record(job);
    }
    worker.execute(() -> run(job));
    return get(job.id);
  }

  /** Every job held in memory, in submission order. */
  public synchronized List<JobView> list() {
    return jobs.views();
  }

  /** The job's current view (from memory, else from the records). */
  public synchronized JobView get(long id) {
    return jobs.get(id).map(j -> j.view(jobs.queuePosition(j))).orElseGet(() -> records.find(id)
        .map(r -> records.read(r.view(), JobView.class)).orElseThrow(() -> new JobNotFoundException(id)));
  }

  /**
   * The results of a SUCCEEDED job.
   *
   * @throws JobConflictException when the job has not succeeded
   */
  public synchronized JobResults results(long id) {
    if (jobs.get(id).isEmpty()) {
      JobRecords.Row row = records.find(id).orElseThrow(() -> new JobNotFoundException(id));
      return row.results().map(r -> records.read(r, JobResults.class)).orElseThrow(() -> new JobConflictException(
          "job " + id + " is " + row.state() + "; results exist only once it has SUCCEEDED"));
    }
    Job j = jobs.find(id);
    if (j.state != JobState.SUCCEEDED) {
      throw new JobConflictException(
          "job " + id + " is " + j.state + "; results exist only once it has SUCCEEDED"
              + (j.errorReason == null ? "" : " (reason: " + j.errorReason + ")"));
    }
    return new JobResults(id, j.bundleVersion, j.outcome.datasetFingerprint(), j.outcome.rows(), j.outcome.deployment());
  }

  /**
   * Cancels a job: a QUEUED job is cancelled at once; a RUNNING job stops at its next progress
   * report (the engine's progress callback throws {@link JobCancelledException}).
   *
   * @throws JobConflictException when the job has already ended
   */
  public synchronized JobView cancel(long id) {
    Job j = jobs.find(id);
    switch (j.state) {
      case QUEUED -> finish(j, JobState.CANCELLED, "cancelled while queued");
      case RUNNING -> {
        j.cancelRequested = true;
        j.message(clock.instant(), "cancel requested; stopping at the next progress report");
      }
      default -> throw new JobConflictException("job " + id + " has already ended (" + j.state + ")");
    }
    return j.view(jobs.queuePosition(j));
  }

  private void run(Job job) {
    synchronized (this) {
      if (job.state != JobState.QUEUED) {
        return; // cancelled while queued
      }
      job.state = JobState.RUNNING;
      job.startedAt = clock.instant();
      job.lastMark = job.startedAt;
      job.message(job.startedAt, "started");
      record(job);
    }
    Path work = null;
    // kept across restarts (a resumed job restores its completed experts); deleted once it ends
    Path checkpoints = bundles.root().resolve(".checkpoints").resolve("job" + job.id);
    boolean interrupted = false;
    try {
      work = bundles.newWorkDir("job" + job.id);
      TrainingOutcome outcome = engine.train(job.spec, new JobProgress(job, this, clock, metrics, this::record), work, checkpoints);
      String version = BundleVersions.of(clock.instant(), job.id);
      bundles.publish(work, version, job.spec.preset().wireName(), Job.names(job.spec.experts()),
          job.bundleMetadata(outcome));
      work = null;
      synchronized (this) {
        job.outcome = outcome;
        job.bundleVersion = version;
        job.message(clock.instant(), "published bundle " + version);
        finish(job, JobState.SUCCEEDED, null);
      }
    } catch (JobCancelledException e) {
      done(job, JobState.CANCELLED, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interrupted = true; // its record stays RUNNING, and it resumes at the next start
      synchronized (this) {
        job.state = JobState.FAILED;
        job.errorReason = "interrupted (service shutting down); it resumes when the service starts again";
      }
    } catch (Exception | Error e) {
      // Error too: an OutOfMemoryError or a missing native library (UnsatisfiedLinkError) must end
      // the job FAILED with its reason, not leave it RUNNING forever and kill the worker thread.
      log.warn("job {} failed", job.id, e);
      done(job, JobState.FAILED, reason(e));
    } finally {
      if (work != null) {
        bundles.discard(work);
      }
      if (!interrupted) {
        bundles.discard(checkpoints);
      }
    }
  }

  private synchronized void done(Job job, JobState state, String reason) {
    finish(job, state, reason);
  }

  /** Ends a job and trims the history; caller holds the lock. */
  private void finish(Job job, JobState state, String reason) {
    job.state = state;
    job.finishedAt = clock.instant();
    job.errorReason = reason;
    job.message(job.finishedAt, state.name().toLowerCase() + (reason == null ? "" : ": " + reason));
    record(job);
    metrics.finished(state);
    jobs.trim();
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    if (e instanceof Error) { // name it: "Java heap space" alone does not say what happened
      return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
    return m == null || m.isBlank() ? e.getClass().getName() : m;
  }

  private synchronized long count(JobState state) {
    return jobs.count(state);
  }

  @Override
  public void destroy() throws InterruptedException {
    worker.shutdownNow();
    if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("training worker did not stop within 10 s");
    }
  }
}
