package io.isacemu.bs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.bs.BsServiceApplication;
import io.isacemu.bs.task.TaskResult;
import io.isacemu.bs.task.TaskService;
import io.isacemu.bs.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The BS restarted on the same database file: every id accepted before answers after, a task the
 * "crash" left RUNNING ends FAILED with the reason, and no id is reused.
 */
class TaskStoreRestartTest {

  @TempDir Path data;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(BsServiceApplication.class).run("--server.port=0", "--isac.bs.grpc-port=0",
        "--isac.bs.registry-target=", "--isac.bs.api-key=k",
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("tasks") + ";WRITE_DELAY=0",
        "--spring.main.banner-mode=off", "--logging.level.root=WARN");
  }

  private static long number(String id) {
    return Long.parseLong(id.substring(2));
  }

  @Test
  void acceptedIdsSurviveARestartInterruptedOnesFailAndIdsAreNotReused() {
    List<String> before = new ArrayList<>();
    String interrupted;
    try (ConfigurableApplicationContext a = start()) {
      TaskService tasks = a.getBean(TaskService.class);
      for (int i = 0; i < 3; i++) {
        // no model in service: each ends FAILED at once, a terminal state to find again
        String id = tasks.submit(tasks.resolve(null, 1, "fixed:T", null, null));
        tasks.await(id, Duration.ofSeconds(30));
        before.add(id);
      }
      // what a SIGKILL leaves behind: a task recorded RUNNING that never ended
      TaskStore store = a.getBean(TaskStore.class);
      interrupted = "t-" + store.nextSequence();
      store.save(new TaskResult(interrupted, "fixed:T", "latency", TaskStatus.RUNNING, "", Optional.empty(),
          Instant.now(), Optional.empty(), List.of(), List.of(), new TaskResult.Latency(0, 0, 0, 0),
          new TaskResult.MeasuredLatency(0, 0, 0), 0, 0));
    }
    try (ConfigurableApplicationContext b = start()) {
      TaskService tasks = b.getBean(TaskService.class);
      for (String id : before) {
        TaskResult t = tasks.get(id).orElseThrow(() -> new AssertionError(id + " unknown after the restart"));
        assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t.reason()).contains("no model");
      }
      TaskResult t = tasks.get(interrupted).orElseThrow();
      assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(t.reason()).isEqualTo("interrupted by a BS restart");
      assertThat(t.finishedAt()).isPresent();
      String next = tasks.submit(tasks.resolve(null, 1, "fixed:T", null, null));
      assertThat(number(next)).as("new id %s after %s", next, interrupted).isGreaterThan(number(interrupted));
      assertThat(tasks.size()).isEqualTo(5);
      assertThat(tasks.page(0, 10)).extracting(TaskResult::id).startsWith(before.toArray(String[]::new));
    }
  }

  private static TaskResult record(String id, TaskStatus status) {
    return new TaskResult(id, "fixed:T", "latency", status, "", Optional.empty(), Instant.now(), Optional.empty(),
        List.of(), List.of(), new TaskResult.Latency(0, 0, 0, 0), new TaskResult.MeasuredLatency(0, 0, 0), 0, 0);
  }

  @Test
  void retainDeletesOnlyTheOldestTerminalRecords() {
    try (ConfigurableApplicationContext a = start()) {
      TaskStore store = a.getBean(TaskStore.class);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = "t-" + store.nextSequence();
        ids.add(id);
        store.save(record(id, i == 1 ? TaskStatus.RUNNING : TaskStatus.DONE));
      }
      // keep the newest 2 numbers; of the older ones only the terminal ones go, the RUNNING one stays
      assertThat(store.retain(2)).isEqualTo(3);
      assertThat(store.page(0, 10)).extracting(TaskResult::id).containsExactly(ids.get(1), ids.get(4), ids.get(5));
      assertThat(store.unfinished()).extracting(TaskResult::id).containsExactly(ids.get(1));
      assertThat(store.newest(1, List.of("DONE"))).extracting(TaskResult::id).containsExactly(ids.get(5));
    }
  }
}
