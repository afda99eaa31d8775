package io.isacemu.bs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.security.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bounded admission over the real REST port: past {@code max-tasks-in-flight} a submission is a 429
 * with {@code Retry-After} and nothing is accepted; every accepted task still ends terminal; bounds
 * on deadlines, experiment modes and the task list's page are 400s naming the field. The text
 * device holds its answers, so the accepted tasks stay in flight deterministically.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskAdmissionTest {

  private static final String DEVICE_LINK = InProcessServerBuilder.generateName();
  private static final String REGISTRY = InProcessServerBuilder.generateName();
  private static final FakeModelRegistry models = new FakeModelRegistry();
  private static final String KEY = "admission-key-0123456789";
  private static final int MAX_IN_FLIGHT = 3;
  private static Server registryServer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SyntheticConfig d = TestBundle.DATASET;
    r.add("isac.bs.grpc-in-process-name", () -> DEVICE_LINK);
    r.add("isac.bs.registry-target", () -> "in-process:" + REGISTRY);
    r.add("isac.bs.api-key", () -> KEY);
    r.add("isac.bs.report-period-ms", () -> 60000);
    r.add("isac.bs.time-scale-factor", () -> 0);
    r.add("isac.bs.processing", () -> "offload");
    r.add("isac.bs.deadline-grace-ms", () -> 4000); // the 10 submissions take far less
    r.add("isac.bs.limits.max-tasks-in-flight", () -> MAX_IN_FLIGHT);
    r.add("isac.bs.limits.retry-after-seconds", () -> 7);
    r.add("isac.bs.limits.max-deadline-seconds", () -> 600);
    r.add("isac.bs.limits.max-experiment-modes", () -> 4);
    r.add("isac.bs.limits.max-page-size", () -> 50);
    r.add("isac.bs.dataset.seed", d::seed);
    r.add("isac.bs.dataset.train-size", d::trainSize);
    r.add("isac.bs.dataset.valid-size", d::validSize);
    r.add("isac.bs.dataset.test-size", d::testSize);
    r.add("isac.bs.dataset.sequence-length", d::sequenceLength);
  }

  @BeforeAll
  static void startRegistry() throws Exception {
    models.publish("v1", TestBundle.zip());
    registryServer = InProcessServerBuilder.forName(REGISTRY).addService(models).build().start();
  }

  @AfterAll
  static void stopRegistry() {
    registryServer.shutdownNow();
  }

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired ModelHolder holder;
  @Autowired io.isacemu.bs.registry.DeviceRegistry registry;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  private ManagedChannel channel;
  private FakeDevice text;

  @BeforeEach
  void attachTheTextDevice() throws Exception {
    MultimodalDataset data = TestBundle.dataset();
    channel = InProcessChannelBuilder.forName(DEVICE_LINK).build();
    text = new FakeDevice(channel, "dev-T", Modality.TEXT, data.test());
    assertThat(text.attach(text.register(data.fingerprint()).build()).getAccepted()).isTrue();
    text.report(-90);
    text.awaitApplied(registry);
    await().atMost(Duration.ofSeconds(60)).until(() -> holder.version().isPresent());
  }

  @AfterEach
  void detach() {
    text.close();
    channel.shutdownNow();
  }

  @Test
  void pastTheBoundA429WithRetryAfterAndEveryAcceptedTaskEndsTerminal() throws Exception {
    RawHttp http = new RawHttp(port);
    String body = "{\"count\":1,\"mode\":\"fixed:T\",\"deadlineSeconds\":0.5}";
    text.respond(false); // the accepted tasks wait for the device: in flight until their deadline
    List<String> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      RawHttp.Response r = http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY), body);
      if (r.status() == 202) {
        accepted.add(r.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
      } else {
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(r.head()).contains("Retry-After: 7");
        assertThat(r.body()).contains("isac.bs.limits.max-tasks-in-flight = 3");
        refused++;
      }
    }
    assertThat(accepted).hasSize(MAX_IN_FLIGHT);
    assertThat(refused).isEqualTo(10 - MAX_IN_FLIGHT);
    assertThat(tasks.inFlight()).isEqualTo(MAX_IN_FLIGHT);
    text.respond(true);
    for (String id : accepted) {
      assertThat(tasks.await(id, Duration.ofSeconds(30)).status().terminal()).isTrue();
    }
    assertThat(tasks.inFlight()).isZero();
    // room again: the next one is admitted and served
    RawHttp.Response again = http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY), body);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    String id = again.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    assertThat(tasks.await(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.DONE);
  }

  @Test
  void aLongPollAnswersWithTheTerminalStateAndThePhasesAreTimed() throws Exception {
    RawHttp http = new RawHttp(port);
    text.respond(false);
    RawHttp.Response r = http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY),
        "{\"count\":1,\"mode\":\"fixed:T\",\"deadlineSeconds\":5}");
    String id = r.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    // the device holds the task: the wait runs out and the answer is the state then
    RawHttp.Response held = http.send("GET", "/api/tasks/" + id + "?waitMs=50", Map.of(), "");
    assertThat(held.body()).containsAnyOf("\"status\":\"PENDING\"", "\"status\":\"RUNNING\"");
    text.respond(true);
    RawHttp.Response done = http.send("GET", "/api/tasks/" + id + "?waitMs=10000", Map.of(), "");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).containsAnyOf("\"status\":\"DONE\"", "\"status\":\"DEGRADED\"", "\"status\":\"FAILED\"");
    for (String phase : List.of("queue", "state-query", "schedule", "sense", "store", "record", "run")) {
      assertThat(meters.get("bs.task.phase").tag("phase", phase).timer().count()).as(phase).isPositive();
    }
  }

  @Test
  void boundedValuesAre400sNamingTheField() throws Exception {
    RawHttp http = new RawHttp(port);
    Map<String, String> key = Map.of("X-Api-Key", KEY);
    for (String deadline : List.of("1e300", "601", "1.7976931348623157E308")) {
      RawHttp.Response r = http.send("POST", "/api/tasks", key,
          "{\"count\":1,\"mode\":\"fixed:T\",\"deadlineSeconds\":" + deadline + "}");
      assertThat(r.status()).as(deadline + ": " + r.body()).isEqualTo(400);
      assertThat(r.body()).contains("\"field\":\"deadlineSeconds\"").contains("isac.bs.limits.max-deadline-seconds");
    }
    RawHttp.Response modes = http.send("POST", "/api/experiments", key,
        "{\"samples\":1,\"modes\":[\"fixed:T\",\"fixed:T\",\"fixed:T\",\"fixed:T\",\"fixed:T\"]}");
    assertThat(modes.status()).as(modes.body()).isEqualTo(400);
    assertThat(modes.body()).contains("\"field\":\"modes\"");
    RawHttp.Response nullMode = http.send("POST", "/api/experiments", key, "{\"samples\":2,\"modes\":[\"full\",null]}");
    assertThat(nullMode.status()).as(nullMode.body()).isEqualTo(400);
    assertThat(nullMode.body()).contains("\"field\":\"modes[1]\"");
    assertThat(http.send("GET", "/api/tasks?limit=51", Map.of(), "").body()).contains("\"field\":\"limit\"");
    assertThat(http.send("GET", "/api/tasks?offset=-1", Map.of(), "").body()).contains("\"field\":\"offset\"");
    assertThatThrownBy(() -> tasks.resolve(null, 1, "fixed:T", Double.NaN, null))
        .hasMessageStartingWith("deadlineSeconds: NaN");
  }

  @Test
  void theTaskListIsPaged() throws Exception {
    for (int i = 0; i < 3; i++) {
      tasks.await(tasks.submit(tasks.resolve(null, 1, "fixed:T", null, null)), Duration.ofSeconds(30));
    }
    RawHttp http = new RawHttp(port);
    RawHttp.Response page = http.send("GET", "/api/tasks?offset=1&limit=2", Map.of(), "");
    assertThat(page.status()).isEqualTo(200);
    int total = Integer.parseInt(page.head().replaceAll("(?s).*X-Total-Count: (\\d+).*", "$1"));
    assertThat(total).isGreaterThanOrEqualTo(3);
    assertThat(page.body().split("\"id\":\"t-", -1)).hasSize(3); // two tasks
  }
}
