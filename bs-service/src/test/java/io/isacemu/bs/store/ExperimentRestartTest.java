package io.isacemu.bs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsServiceApplication;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.task.Experiment;
import io.isacemu.bs.task.ExperimentService;
import io.isacemu.bs.task.TaskService;
import io.isacemu.bs.task.TaskStatus;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Experiments survive a BS restart on the same database file: one left RUNNING by a "crash" resumes
 * after the modes it had finished (their rows kept as they were), one left QUEUED runs, and one
 * whose finished rows came from another bundle ends FAILED naming both versions, because its rows
 * would not be comparable. Ids are not reused.
 */
class ExperimentRestartTest {

  private static final String REGISTRY = InProcessServerBuilder.generateName();
  private static Server server;

  @TempDir Path data;

  @BeforeAll
  static void registry() throws Exception {
    FakeModelRegistry models = new FakeModelRegistry();
    models.publish("v1", TestBundle.zip());
    server = InProcessServerBuilder.forName(REGISTRY).addService(models).build().start();
  }

  @AfterAll
  static void stopRegistry() {
    server.shutdownNow();
  }

  private ConfigurableApplicationContext start(String... more) {
    return start(200, more);
  }

  /** A BS on the test's database; {@code attachGraceMs} also delays the experiments it resumes. */
  private ConfigurableApplicationContext start(long attachGraceMs, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--server.port=0", "--isac.bs.grpc-port=0", "--isac.bs.registry-target=in-process:" + REGISTRY,
        "--isac.bs.api-key=k", "--isac.bs.attach-grace-ms=" + attachGraceMs,
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("tasks") + ";WRITE_DELAY=0",
        "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
    args.addAll(List.of(more));
    ConfigurableApplicationContext c = new SpringApplicationBuilder(BsServiceApplication.class)
        .run(args.toArray(String[]::new));
    ModelHolder holder = c.getBean(ModelHolder.class);
    await().atMost(Duration.ofMinutes(1)).until(() -> holder.version().isPresent());
    return c;
  }

  private static Experiment.Row row(String name, String mode, String taskId, String version) {
    return new Experiment.Row(name, mode, taskId, TaskStatus.DONE, "", version, 4, 0.75, 0.7, 0.1, 0.01, 1e3,
        Map.of(name, 1.0));
  }

  private static Experiment stored(long seq, Experiment.State state, List<Experiment.Row> rows) {
    List<String> tasks = rows.stream().map(Experiment.Row::taskId).toList();
    return new Experiment("e-" + seq, state, "", 4, List.of("fixed:T", "fixed:V+A+T", "on-demand"), 10.0, "latency",
        Instant.parse("2026-12-01T00:00:00Z"), Optional.empty(), tasks, rows);
  }

  private static Experiment awaitEnd(ExperimentService experiments, String id) {
    return await().atMost(Duration.ofMinutes(2)).until(() -> experiments.get(id).orElseThrow(),
        e -> e.state().terminal());
  }

  @Test
  void interruptedExperimentsResumeAfterTheirFinishedModesOrEndNamingWhy() {
    Experiment running;
    Experiment queued;
    Experiment mixed;
    try (ConfigurableApplicationContext a = start()) {
      // what a SIGKILL leaves behind: records the runner never finished
      ExperimentStore store = a.getBean(ExperimentStore.class);
      running = stored(store.nextSequence(), Experiment.State.RUNNING, List.of(row("T", "fixed:T", "t-900", "v1")));
      queued = stored(store.nextSequence(), Experiment.State.QUEUED, List.of());
      mixed = stored(store.nextSequence(), Experiment.State.RUNNING, List.of(row("T", "fixed:T", "t-901", "v0")));
      store.save(running);
      store.save(queued);
      store.save(mixed);
    }
    try (ConfigurableApplicationContext b = start()) {
      ExperimentService experiments = b.getBean(ExperimentService.class);

      Experiment resumed = awaitEnd(experiments, running.id());
      assertThat(resumed.state()).as(resumed.reason()).isEqualTo(Experiment.State.DONE);
      assertThat(resumed.rows()).hasSize(3);
      assertThat(resumed.rows().get(0)).as("the row finished before the crash is kept").isEqualTo(running.rows().get(0));
      assertThat(resumed.rows()).extracting(Experiment.Row::name)
          .containsExactly("T", "V+A+T", "dynamic fusion (on-demand)");
      assertThat(resumed.rows().subList(1, 3)).allSatisfy(r -> assertThat(r.modelVersion()).isEqualTo("v1"));
      assertThat(resumed.taskIds()).hasSize(3).startsWith("t-900");
      assertThat(resumed.finishedAt()).isPresent();

      Experiment ran = awaitEnd(experiments, queued.id());
      assertThat(ran.state()).isEqualTo(Experiment.State.DONE);
      assertThat(ran.rows()).hasSize(3);

      Experiment refused = awaitEnd(experiments, mixed.id());
      assertThat(refused.state()).isEqualTo(Experiment.State.FAILED);
      assertThat(refused.reason()).contains("the bundle changed from v0 to v1");
      assertThat(refused.rows()).hasSize(2);

      Experiment next = experiments.start(1, List.of("fixed:T"), null, null);
      assertThat(Long.parseLong(next.id().substring(2))).isGreaterThan(Long.parseLong(mixed.id().substring(2)));
      assertThat(experiments.size()).isEqualTo(4);
    }
  }

  @Test
  void aBsStoppedMidTaskLeavesTheExperimentRunningWithNoShutdownRowAndTheNextStartFinishesIt() throws Exception {
    String link = InProcessServerBuilder.generateName();
    SyntheticConfig d = TestBundle.DATASET;
    String[] device = {"--isac.bs.grpc-in-process-name=" + link, "--isac.bs.report-period-ms=60000",
        "--isac.bs.dataset.seed=" + d.seed(), "--isac.bs.dataset.train-size=" + d.trainSize(),
        "--isac.bs.dataset.valid-size=" + d.validSize(), "--isac.bs.dataset.test-size=" + d.testSize(),
        "--isac.bs.dataset.sequence-length=" + d.sequenceLength()};
    MultimodalDataset data = TestBundle.dataset();
    String id;
    try (ConfigurableApplicationContext a = start(device)) {
      ManagedChannel channel = InProcessChannelBuilder.forName(link).build();
      try (FakeDevice text = new FakeDevice(channel, "dev-T", Modality.TEXT, data.test())) {
        assertThat(text.attach(text.register(data.fingerprint()).build()).getAccepted()).isTrue();
        text.report(-90);
        text.awaitApplied(a.getBean(io.isacemu.bs.registry.DeviceRegistry.class));
        text.respond(false); // the task waits for the device: in flight when the BS stops
        ExperimentService experiments = a.getBean(ExperimentService.class);
        TaskService tasks = a.getBean(TaskService.class);
        id = experiments.start(2, List.of("fixed:T", "fixed:V+A+T"), 30.0, null).id();
        await().atMost(Duration.ofMinutes(1)).until(() -> tasks.inFlight() == 1);
        assertThat(experiments.get(id).orElseThrow().state()).isEqualTo(Experiment.State.RUNNING);
        a.close(); // with the device's answer still outstanding
      } finally {
        channel.shutdownNow();
      }
    }
    try (ConfigurableApplicationContext b = start(device)) {
      Experiment left = b.getBean(ExperimentStore.class).find(id).orElseThrow();
      assertThat(left.state()).as("a stop is not an ending").isIn(Experiment.State.RUNNING, Experiment.State.DONE);
      assertThat(left.rows()).extracting(Experiment.Row::reason).noneMatch(r -> r.contains("shutting down"));
      // no device now: each mode's task ends without one, and the experiment still ends with both rows
      Experiment resumed = awaitEnd(b.getBean(ExperimentService.class), id);
      assertThat(resumed.state()).as(resumed.reason()).isEqualTo(Experiment.State.DONE);
      assertThat(resumed.rows()).hasSize(2)
          .extracting(Experiment.Row::reason).noneMatch(r -> r.contains("shutting down"));
    }
  }

  @Test
  void pastMaxExperimentsQueuedAnotherIsRefusedWithRetryAfterAndNothingStored() {
    try (ConfigurableApplicationContext a = start()) {
      ExperimentStore store = a.getBean(ExperimentStore.class);
      for (int i = 0; i < 2; i++) {
        store.save(stored(store.nextSequence(), Experiment.State.QUEUED, List.of()));
      }
    }
    // the two resumed ones wait out a long attach grace: both count against the limit of 2
    try (ConfigurableApplicationContext b = start(60_000, "--isac.bs.limits.max-experiments-queued=2")) {
      ExperimentService experiments = b.getBean(ExperimentService.class);
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> experiments.start(1, List.of("fixed:T"), null, null)))
          .isInstanceOfSatisfying(io.isacemu.support.OverloadedException.class, e -> {
            assertThat(e.getMessage()).contains("isac.bs.limits.max-experiments-queued = 2");
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
          });
      assertThat(experiments.size()).isEqualTo(2);
    }
  }
}
