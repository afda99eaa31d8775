package io.isacemu.training.job;

import io.isacemu.support.OverloadedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.isacemu.training.TestSupport;
import io.isacemu.training.TrainingProperties;
import io.isacemu.training.bundle.BundleStore;
import io.isacemu.training.engine.FakeTrainingEngine;
import io.isacemu.training.engine.TrainingEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobServiceTest {

  @TempDir Path dir;
  private final FakeTrainingEngine engine = new FakeTrainingEngine();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private JobService service;
  private BundleStore store;

  private JobService service(TrainingEngine e, int history) {
    store = new BundleStore(dir, TestSupport.tickingClock(), TestSupport.json());
    service = new JobService(e, store, TestSupport.tickingClock(), TestSupport.properties(dir, history), meters);
    return service;
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.destroy();
    }
  }

  private JobView awaitState(long id, JobState state) {
    await().atMost(Duration.ofSeconds(10)).until(() -> service.get(id).state() == state);
    return service.get(id);
  }

  @Test
  void secondJobQueuesWhileFirstRunsThenRuns() throws Exception {
    service(engine, 10);
    FakeTrainingEngine.Hold hold = engine.blockNext();
    JobView first = service.submit(TestSupport.spec());
    hold.awaitStarted();
    JobView second = service.submit(TestSupport.spec());

    assertThat(service.get(first.id()).state()).isEqualTo(JobState.RUNNING);
    JobView queued = service.get(second.id());
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);
    assertThat(queued.queuePosition()).contains(1);
    assertThat(engine.runs()).isEqualTo(1);
    assertThat(meters.get("training.jobs").tag("state", "queued").gauge().value()).isEqualTo(1.0);

    hold.release();
    JobView done1 = awaitState(first.id(), JobState.SUCCEEDED);
    JobView done2 = awaitState(second.id(), JobState.SUCCEEDED);
    assertThat(done1.bundleVersion()).isPresent();
    assertThat(done2.bundleVersion()).isPresent();
    assertThat(done2.bundleVersion().get()).isGreaterThan(done1.bundleVersion().get());
    assertThat(store.list()).extracting(b -> b.version())
        .containsExactly(done1.bundleVersion().get(), done2.bundleVersion().get());
    assertThat(done1.completedEpochs()).isEqualTo(done1.plannedEpochs()).isEqualTo(4 + 1 * 2); // both gates
    assertThat(done1.lastValidLoss()).isPresent();
    assertThat(meters.get("training.epoch.duration").timer().count()).isEqualTo(12);
    assertThat(meters.get("training.jobs.finished").tag("outcome", "succeeded").counter().count()).isEqualTo(2);
  }

  @Test
  void theQueueIsBoundedWithARetryAfterAndNothingIsQueuedPastIt() throws Exception {
    TrainingProperties base = TestSupport.properties(dir, 10);
    TrainingProperties two = new TrainingProperties(base.grpcPort(), base.bundleDir(), base.jobHistorySize(),
        base.defaultPreset(), base.maxMessagesPerJob(), base.apiKey(), base.dataDir(),
        new TrainingProperties.Limits(2, 1000, 32, 4096, 9));
    store = new BundleStore(dir, TestSupport.tickingClock(), TestSupport.json());
    service = new JobService(engine, store, TestSupport.tickingClock(), two, meters);
    FakeTrainingEngine.Hold hold = engine.blockNext();
    JobView first = service.submit(TestSupport.spec());
    hold.awaitStarted();
    JobView second = service.submit(TestSupport.spec());
    assertThatThrownBy(() -> service.submit(TestSupport.spec()))
        .isInstanceOf(OverloadedException.class)
        .hasMessageContaining("isac.training.limits.max-jobs-in-flight = 2")
        .extracting(e -> ((OverloadedException) e).retryAfterSeconds()).isEqualTo(9);
    assertThat(service.list()).hasSize(2);
    hold.release();
    awaitState(first.id(), JobState.SUCCEEDED);
    awaitState(second.id(), JobState.SUCCEEDED);
    assertThat(awaitState(service.submit(TestSupport.spec()).id(), JobState.SUCCEEDED).state())
        .isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void afterARestartQueuedAndRunningJobsResumeFinishedOnesAnswerAndIdsAreNotReused() throws Exception {
    io.isacemu.training.store.JobRecords records = io.isacemu.training.store.JobRecords.inMemory(TestSupport.json());
    store = new BundleStore(dir, TestSupport.tickingClock(), TestSupport.json());
    TrainingProperties props = TestSupport.properties(dir, 10);
    JobRequest request = TestSupport.request();
    JobService first = new JobService(engine, store, TestSupport.tickingClock(), props, meters, records);
    JobView done = first.submit(request.toSpec("demo"), Optional.of(request));
    await().atMost(Duration.ofSeconds(10)).until(() -> first.get(done.id()).state() == JobState.SUCCEEDED);
    FakeTrainingEngine.Hold hold = engine.blockNext();
    JobView running = first.submit(request.toSpec("demo"), Optional.of(request));
    hold.awaitStarted();
    JobView queued = first.submit(request.toSpec("demo"), Optional.of(request));
    JobView noRecord = first.submit(TestSupport.spec()); // through the Java API: nothing to resume from
    first.destroy(); // the worker is interrupted mid-job: what a crash leaves, as far as the records go

    service = new JobService(engine, store, TestSupport.tickingClock(), props, meters, records);
    assertThat(service.get(done.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(service.results(done.id()).rows()).isNotEmpty();
    JobView resumed = awaitState(running.id(), JobState.SUCCEEDED);
    assertThat(resumed.messages()).anySatisfy(m -> assertThat(m.text()).contains("queued again after a restart"));
    awaitState(queued.id(), JobState.SUCCEEDED);
    JobView lost = service.get(noRecord.id());
    assertThat(lost.state()).isEqualTo(JobState.FAILED);
    assertThat(lost.errorReason()).hasValueSatisfying(r -> assertThat(r).contains("without a request record"));
    assertThat(service.submit(TestSupport.spec()).id()).isGreaterThan(noRecord.id());
  }

  @Test
  void aJobInterruptedInStageOneResumesFromItsLastEpochAndItsEpochCounterNeverGoesBack() throws Exception {
    io.isacemu.training.store.JobRecords records = io.isacemu.training.store.JobRecords.inMemory(TestSupport.json());
    store = new BundleStore(dir, TestSupport.tickingClock(), TestSupport.json());
    TrainingProperties props = TestSupport.properties(dir, 10);
    // 4 experts × 2 epochs, then 1 λ × 2 gates × 1 epoch
    JobRequest request = new JobRequest(null, null, null, null, null, 2, 1, null, null, null, null, 7L, null, null,
        null, null, null, null, null);
    JobService first = new JobService(engine, store, TestSupport.tickingClock(), props, meters, records);
    FakeTrainingEngine.Hold killed = engine.blockAtStageOneEpoch(3); // V done, A after its first epoch
    FakeTrainingEngine.Hold resumedHold = engine.blockAtStageOneEpoch(4); // the resumed run's first epoch
    JobView job = first.submit(request.toSpec("demo"), Optional.of(request));
    killed.awaitStarted();
    assertThat(first.get(job.id()).completedEpochs()).isEqualTo(3);
    first.destroy(); // the worker is interrupted mid-epoch: the records and checkpoints a crash leaves

    service = new JobService(engine, store, TestSupport.tickingClock(), props, meters, records);
    assertThat(service.get(job.id()).completedEpochs()).as("at once after the restart").isEqualTo(3);
    resumedHold.awaitStarted();
    JobView running = service.get(job.id());
    assertThat(running.completedEpochs()).as("restored 3 + the first one trained").isEqualTo(4);
    assertThat(running.subject()).contains("A");
    assertThat(running.epoch()).isEqualTo(2);
    assertThat(running.messages()).extracting(JobMessage::text).anySatisfy(m -> assertThat(m)
        .contains("V restored from its checkpoint (2 epochs, done)"))
        .anySatisfy(m -> assertThat(m).contains("A restored from its checkpoint (1 epochs; resuming with epoch 2 of 2)"));
    resumedHold.release();
    JobView done = awaitState(job.id(), JobState.SUCCEEDED);
    assertThat(done.completedEpochs()).isEqualTo(done.plannedEpochs()).isEqualTo(4 * 2 + 2);
    assertThat(engine.stageOneEpochsTrained()).as("no stage-I epoch trained twice").isEqualTo(8);
    assertThat(done.bundleVersion()).isPresent();
    assertThat(dir.resolve(".checkpoints").resolve("job" + job.id())).as("deleted once the job ends").doesNotExist();
  }

  @Test
  void anErrorSuchAsOutOfMemoryEndsTheJobFailedAndTheWorkerGoesOn() {
    service(engine, 10);
    engine.errorNext(new OutOfMemoryError("Java heap space"));
    JobView bad = service.submit(TestSupport.spec());
    JobView good = service.submit(TestSupport.spec());
    JobView failed = awaitState(bad.id(), JobState.FAILED);
    assertThat(failed.errorReason()).hasValueSatisfying(r -> assertThat(r).contains("Java heap space"));
    awaitState(good.id(), JobState.SUCCEEDED);
  }

  @Test
  void failingJobDoesNotAffectTheNext() {
    service(engine, 10);
    engine.failNext("boom: out of cheese");
    JobView bad = service.submit(TestSupport.spec());
    JobView good = service.submit(TestSupport.spec());

    JobView failed = awaitState(bad.id(), JobState.FAILED);
    assertThat(failed.errorReason()).contains("boom: out of cheese");
    assertThat(failed.bundleVersion()).isEmpty();
    JobView ok = awaitState(good.id(), JobState.SUCCEEDED);
    assertThat(service.results(ok.id()).rows()).hasSize(5);
    assertThat(store.list()).hasSize(1);
    assertThatThrownBy(() -> service.results(bad.id()))
        .isInstanceOf(JobConflictException.class)
        .hasMessageContaining("FAILED");
  }

  @Test
  void failedRunLeavesNoWorkDirectory() throws Exception {
    service(engine, 10);
    engine.failNext("no");
    JobView bad = service.submit(TestSupport.spec());
    awaitState(bad.id(), JobState.FAILED);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void cancelsQueuedJobWhichNeverRuns() throws Exception {
    service(engine, 10);
    FakeTrainingEngine.Hold hold = engine.blockNext();
    JobView first = service.submit(TestSupport.spec());
    hold.awaitStarted();
    JobView second = service.submit(TestSupport.spec());
    JobView third = service.submit(TestSupport.spec());
    assertThat(service.get(third.id()).queuePosition()).contains(2);

    assertThat(service.cancel(second.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(service.get(third.id()).queuePosition()).contains(1);
    hold.release();
    awaitState(third.id(), JobState.SUCCEEDED);
    assertThat(service.get(second.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(engine.runs()).isEqualTo(2);
    assertThat(service.get(first.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThatThrownBy(() -> service.cancel(first.id())).isInstanceOf(JobConflictException.class);
  }

  @Test
  void cancelsRunningJobAtItsNextProgressReport() throws Exception {
    service(engine, 10);
    FakeTrainingEngine.Hold hold = engine.blockNext();
    JobView job = service.submit(TestSupport.spec());
    hold.awaitStarted();
    assertThat(service.cancel(job.id()).cancelRequested()).isTrue();
    hold.release();
    JobView cancelled = awaitState(job.id(), JobState.CANCELLED);
    assertThat(cancelled.errorReason()).contains("cancelled while running");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void missingNativeEngineFailsWithAClearReason() {
    service((spec, listener, work) -> {
      throw new UnsatisfiedLinkError("libtorch not found");
    }, 10);
    JobView job = service.submit(TestSupport.spec());
    assertThat(awaitState(job.id(), JobState.FAILED).errorReason())
        .contains("UnsatisfiedLinkError: libtorch not found");
  }

  @Test
  void historyKeepsOnlyTheNewestFinishedJobsInMemoryAndOlderOnesAnswerFromTheRecords() {
    service(engine, 2);
    JobView a = service.submit(TestSupport.spec());
    JobView b = service.submit(TestSupport.spec());
    JobView c = service.submit(TestSupport.spec());
    awaitState(c.id(), JobState.SUCCEEDED);
    assertThat(service.list()).extracting(JobView::id).containsExactly(b.id(), c.id());
    assertThat(service.get(a.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(service.results(a.id()).rows()).isNotEmpty();
    assertThatThrownBy(() -> service.get(999)).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void reportsProgressAndEta() throws Exception {
    service(engine, 10);
    FakeTrainingEngine.Hold hold = engine.blockNext();
    JobView job = service.submit(TestSupport.spec());
    hold.awaitStarted();
    JobView running = service.get(job.id());
    assertThat(running.stage()).isPresent();
    assertThat(running.subject()).contains("V");
    assertThat(running.etaSeconds()).isEmpty(); // no epoch finished yet
    hold.release();
    JobView done = awaitState(job.id(), JobState.SUCCEEDED);
    assertThat(done.messages()).extracting(JobMessage::text).contains("queued", "started", "fake training done");
  }
}
