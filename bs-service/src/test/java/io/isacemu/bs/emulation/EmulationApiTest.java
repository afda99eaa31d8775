package io.isacemu.bs.emulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.task.TaskService;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.security.RawHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/emulation} and {@code POST /api/emulation/reset} over real HTTP: the key, the
 * body, and the refusal while a task is in flight (the task waits for a device that never answers
 * its state query: in flight for {@code state-query-timeout-ms}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmulationApiTest {

  private static final String DEVICE_LINK = InProcessServerBuilder.generateName();
  private static final String REGISTRY = InProcessServerBuilder.generateName();
  private static final FakeModelRegistry models = new FakeModelRegistry();
  private static final String KEY = "emulation-key-0123456789";
  private static Server registryServer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SyntheticConfig d = TestBundle.DATASET;
    r.add("isac.bs.grpc-in-process-name", () -> DEVICE_LINK);
    r.add("isac.bs.registry-target", () -> "in-process:" + REGISTRY);
    r.add("isac.bs.api-key", () -> KEY);
    r.add("isac.bs.report-period-ms", () -> 60000);
    r.add("isac.bs.time-scale-factor", () -> 0);
    r.add("isac.bs.emulation.time", () -> "emulated");
    r.add("isac.bs.emulation.seed", () -> 5);
    r.add("isac.bs.emulation.state-query-timeout-ms", () -> 1500);
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
  @Autowired DeviceRegistry registry;

  @Test
  void resetNeedsTheKeyAValidSeedAndNoTaskInFlight() throws Exception {
    RawHttp http = new RawHttp(port);
    RawHttp.Response state = http.send("GET", "/api/emulation", Map.of(), "");
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.body()).contains("\"mode\":\"emulated\"", "\"seed\":5", "\"emulatedTimeS\":0.0");

    assertThat(http.send("POST", "/api/emulation/reset", Map.of(), "{\"seed\":1}").status()).isEqualTo(401);
    assertThat(http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", "nope-0123456789"), "{\"seed\":1}")
        .status()).isEqualTo(401);
    RawHttp.Response bad = http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", KEY), "{\"seed\":\"x\"}");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("seed");
    RawHttp.Response none = http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", KEY), "{}");
    assertThat(none.status()).as(none.body()).isEqualTo(400);
    assertThat(none.body()).contains("seed");

    MultimodalDataset data = TestBundle.dataset();
    ManagedChannel channel = InProcessChannelBuilder.forName(DEVICE_LINK).build();
    try (FakeDevice text = new FakeDevice(channel, "dev-T", Modality.TEXT, data.test())) {
      assertThat(text.attach(text.register(data.fingerprint()).build()).getAccepted()).isTrue();
      text.report(-90);
      text.awaitApplied(registry);
      await().atMost(Duration.ofSeconds(60)).until(() -> holder.version().isPresent());
      // the fake device does not answer state queries: the task is in flight for 1.5 s
      RawHttp.Response task = http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY),
          "{\"count\":1,\"mode\":\"fixed:T\"}");
      assertThat(task.status()).as(task.body()).isEqualTo(202);
      RawHttp.Response busy = http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", KEY), "{\"seed\":9}");
      assertThat(busy.status()).as(busy.body()).isEqualTo(409);
      assertThat(busy.body()).contains("tasks are pending or running");
      String id = task.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
      var done = tasks.await(id, Duration.ofSeconds(30));
      assertThat(done.reason()).as("the unanswered query is named").contains("did not answer the state query");

      RawHttp.Response ok = http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", KEY), "{\"seed\":9}");
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(ok.body()).contains("\"seed\":9", "\"emulatedTimeS\":0.0", "dev-T");
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aDeviceAttachingAfterAResetStartsAtTheBsSeed() throws Exception {
    RawHttp http = new RawHttp(port);
    RawHttp.Response ok = http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", KEY), "{\"seed\":11}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    MultimodalDataset data = TestBundle.dataset();
    ManagedChannel channel = InProcessChannelBuilder.forName(DEVICE_LINK).build();
    try (FakeDevice late = new FakeDevice(channel, "dev-late", Modality.AUDIO, data.test())) {
      assertThat(late.attach(late.register(data.fingerprint()).build()).getAccepted()).isTrue();
      // its configured seed (whatever it is) is replaced by the replication's, before any command
      await().atMost(Duration.ofSeconds(10)).until(() -> !late.resets().isEmpty());
      assertThat(late.resets()).containsExactly(11L);
      assertThat(late.commands()).isEmpty();
    } finally {
      channel.shutdownNow();
      // the other test reads the configured seed first
      http.send("POST", "/api/emulation/reset", Map.of("X-Api-Key", KEY), "{\"seed\":5}");
    }
  }
}
