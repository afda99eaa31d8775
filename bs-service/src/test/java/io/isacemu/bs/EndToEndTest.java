package io.isacemu.bs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceStatus;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.task.TaskResult;
import io.isacemu.bs.task.TaskService;
import io.isacemu.bs.task.TaskStatus;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.synthetic.SyntheticConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The BS in process with fake devices (in-process DeviceLink clients serving the same synthetic test
 * split) and a fake ModelRegistry serving the suite's one tiny trained bundle.
 */
@SpringBootTest
@AutoConfigureMockMvc
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class EndToEndTest {

  private static final String DEVICE_LINK = InProcessServerBuilder.generateName();
  private static final String REGISTRY = InProcessServerBuilder.generateName();
  private static final FakeModelRegistry models = new FakeModelRegistry();
  private static Server registryServer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SyntheticConfig d = TestBundle.DATASET;
    r.add("isac.bs.grpc-in-process-name", () -> DEVICE_LINK);
    r.add("isac.bs.registry-target", () -> "in-process:" + REGISTRY);
    r.add("isac.bs.api-key", () -> "test-key");
    r.add("isac.bs.report-period-ms", () -> 60000);
    r.add("isac.bs.time-scale-factor", () -> 0);
    // this class checks the OFFLOAD path end to end; LOCAL is LocalProcessingTest's
    r.add("isac.bs.processing", () -> "offload");
    r.add("isac.bs.deadline-grace-ms", () -> 1500);
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

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired TaskService tasks;
  @Autowired DeviceRegistry registry;
  @Autowired ModelHolder holder;

  private ManagedChannel channel;
  private final Map<Modality, FakeDevice> devices = new HashMap<>();
  private MultimodalDataset data;

  @BeforeEach
  void attachDevices() throws Exception {
    data = TestBundle.dataset();
    channel = InProcessChannelBuilder.forName(DEVICE_LINK).build();
    for (Modality m : Modality.values()) {
      FakeDevice d = new FakeDevice(channel, "dev-" + m.symbol(), m, data.test());
      assertThat(d.attach(d.register(data.fingerprint()).build()).getAccepted()).isTrue();
      d.report(m == Modality.VIDEO ? -100 : -90);
      d.awaitApplied(registry);
      devices.put(m, d);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> holder.version().isPresent());
  }

  @AfterEach
  void detachDevices() {
    devices.values().forEach(FakeDevice::close);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        registry.devices().stream().allMatch(v -> v.status() == DeviceStatus.LOST));
    channel.shutdownNow();
  }

  private TaskResult run(String mode, int count) {
    String id = tasks.submit(tasks.resolve(null, count, mode, null, null));
    return tasks.await(id, Duration.ofSeconds(60));
  }

  @Test
  void theModelInServiceHasTheCheapGateAndTheFullGate() throws Exception {
    JsonNode model = json.readTree(mvc.perform(get("/api/model")).andReturn().getResponse().getContentAsString());
    assertThat(model.path("gateInputs").asText()).isEqualTo("T");
    assertThat(model.path("networkStateDim").asInt()).isZero();
    assertThat(model.path("fullGate").path("gateInputs").asText()).isEqualTo("V+A+T");
    assertThat(model.path("fullGate").path("networkStateDim").asInt()).isZero();
    assertThat(model.path("fullGate").path("gateFlops").asLong()).isGreaterThan(model.path("gateFlops").asLong());
    // the budget the gate was chosen for, the chosen λ and the validation frontier
    assertThat(model.path("deployRule").asText()).isEqualTo("costBudget latency 0.05");
    assertThat(model.path("deployment").path("rule").asText()).isEqualTo("costBudget latency 0.05");
    assertThat(model.path("deployment").path("frontier")).hasSize(1);
    assertThat(model.path("deployment").path("frontier").get(0).path("costPerSample").has("latencySeconds")).isTrue();
    assertThat(model.path("deployment").has("met")).isTrue();
  }

  @Test
  void aLyingDeviceCannotFailTheTasksOfItsModality() throws Exception {
    // a second text device that claims an impossible link: on the landed code its 5 000 dB SNR won
    // the round and overflowed eq. (5), and every text task ended FAILED ("internal error")
    FakeDevice liar = new FakeDevice(channel, "liar-T", Modality.TEXT, data.test());
    assertThat(liar.attach(liar.register(data.fingerprint()).build()).getAccepted()).isTrue();
    liar.claim(5000, 10, 10, 1.0);
    try {
      TaskResult t = run("fixed:T", 8);
      assertThat(t.status()).as("%s: %s", t.status(), t.reason()).isEqualTo(TaskStatus.DONE);
      assertThat(registry.device("liar-T").orElseThrow().snrDb()).isEmpty(); // the claim was rejected
    } finally {
      liar.close();
    }
  }

  @Test
  void everyModeEndsTerminalAndOnDemandFetchesLessThanFull() {
    TaskResult fixedT = run("fixed:T", 16);
    TaskResult fixedAll = run("fixed:V+A+T", 16);
    TaskResult full = run("full", 16);
    TaskResult onDemand = run("on-demand", 16);

    for (TaskResult t : List.of(fixedT, fixedAll, full, onDemand)) {
      assertThat(t.status()).as(t.mode() + ": " + t.reason()).isEqualTo(TaskStatus.DONE);
      assertThat(t.samples()).hasSize(16).allMatch(TaskResult.SampleOutcome::served);
      assertThat(t.modelVersion()).contains("v1");
    }
    assertThat(fixedT.samples()).allMatch(s -> s.expert().equals(Optional.of("T")));
    assertThat(fixedT.devices()).extracting(TaskResult.DeviceRound::deviceId).containsExactly("dev-T");
    assertThat(fixedAll.devices()).extracting(TaskResult.DeviceRound::modality)
        .containsExactlyInAnyOrder(Modality.VIDEO, Modality.AUDIO, Modality.TEXT);
    assertThat(fixedAll.devices()).allSatisfy(d -> {
      assertThat(d.units()).isPositive();
      assertThat(d.rateBps()).isPositive();
      assertThat(d.outcome()).isEqualTo("OK");
    });
    // fixed:T senses and uploads only text: far less modelled latency, energy and air time
    assertThat(fixedT.modelled().totalSeconds()).isLessThan(fixedAll.modelled().totalSeconds());
    assertThat(fixedT.bits()).isLessThan(fixedAll.bits());
    // full fetches every modality for every sample; on-demand only the text plus what the gate asks for
    assertThat(full.bits()).isEqualTo(fixedAll.bits());
    long chosenT = onDemand.samples().stream().filter(s -> s.expert().equals(Optional.of("T"))).count();
    assertThat(chosenT).as("on-demand gate picks text for some samples").isPositive();
    assertThat(onDemand.bits()).isLessThan(full.bits());
    int videoAsked = onDemand.devices().stream().filter(d -> d.modality() == Modality.VIDEO)
        .mapToInt(TaskResult.DeviceRound::samples).sum();
    assertThat(videoAsked).isEqualTo(16 - (int) chosenT);
  }

  @Test
  void aDeviceKilledMidRunDegradesItsTasksAndNoneIsLost() throws Exception {
    FakeDevice camera = devices.get(Modality.VIDEO);
    camera.respond(false);
    List<String> ids = new ArrayList<>();
    ids.add(tasks.submit(tasks.resolve(null, 8, "fixed:V+A+T", null, null)));
    await().atMost(Duration.ofSeconds(30)).until(() -> !camera.commands().isEmpty());
    camera.kill();
    ids.add(tasks.submit(tasks.resolve(null, 8, "full", null, null)));
    ids.add(tasks.submit(tasks.resolve(null, 8, "fixed:V+A+T", null, null)));

    for (String id : ids) {
      TaskResult t = tasks.await(id, Duration.ofSeconds(30));
      assertThat(t.status()).as(t.reason()).isEqualTo(TaskStatus.DEGRADED);
      assertThat(t.reason()).containsAnyOf("dev-V", "VIDEO").contains("degraded");
      // the best expert over the modalities at hand (A, T) is T
      // every sample the mode meant for V+A+T fell back; those the gate gave to T were not degraded
      assertThat(t.samples()).allSatisfy(s -> {
        assertThat(s.degraded()).isEqualTo(!s.intended().equals(Optional.of("T")));
        assertThat(s.expert()).contains("T");
        assertThat(s.prediction()).isPresent();
      });
    }
    assertThat(registry.device("dev-V").orElseThrow().status()).isEqualTo(DeviceStatus.LOST);

    // re-attach: the camera is LIVE and used again
    FakeDevice back = new FakeDevice(channel, "dev-V", Modality.VIDEO, data.test());
    devices.put(Modality.VIDEO, back);
    assertThat(back.attach(back.register(data.fingerprint()).build()).getAccepted()).isTrue();
    TaskResult again = run("fixed:V+A+T", 8);
    assertThat(again.status()).as(again.reason()).isEqualTo(TaskStatus.DONE);
    assertThat(back.commands()).hasSize(1);
  }

  @Test
  void aCorruptBundleKeepsThePreviousModelAndAGoodOneIsSwappedIn() throws Exception {
    byte[] good = TestBundle.zip();
    byte[] corrupt = good.clone();
    corrupt[corrupt.length / 2] ^= 0x55;
    models.publish("v-corrupt", good, corrupt);
    Thread.sleep(300);
    assertThat(holder.version()).contains("v1");
    assertThat(run("fixed:T", 4).status()).isEqualTo(TaskStatus.DONE);

    models.publish("v2", good);
    await().atMost(Duration.ofSeconds(60)).until(() -> holder.version().equals(Optional.of("v2")));
    TaskResult t = run("on-demand", 4);
    assertThat(t.modelVersion()).contains("v2");
    assertThat(t.status()).isIn(TaskStatus.DONE);
    // put v1 back so other tests see it
    models.publish("v1", good);
    await().atMost(Duration.ofSeconds(60)).until(() -> holder.version().equals(Optional.of("v1")));
  }

  @Test
  void restRunsTasksAndTheSummaryEqualsThePerTaskResultsAggregated() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String mode : List.of("fixed:T", "on-demand", "full", "fixed:T")) {
      String body = "{\"count\": 6, \"mode\": \"" + mode + "\"}";
      String answer = mvc.perform(post("/api/tasks").header("X-Api-Key", "test-key")
              .contentType(MediaType.APPLICATION_JSON).content(body))
          .andExpect(status().isAccepted())
          .andReturn().getResponse().getContentAsString();
      ids.add(json.readTree(answer).get("id").asText());
    }
    for (String id : ids) {
      tasks.await(id, Duration.ofSeconds(60));
    }
    List<JsonNode> results = new ArrayList<>();
    for (TaskResult t : tasks.finished()) {
      results.add(json.readTree(mvc.perform(get("/api/tasks/" + t.id())).andExpect(status().isOk())
          .andReturn().getResponse().getContentAsString()));
    }
    JsonNode summary = json.readTree(mvc.perform(get("/api/summary")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString());

    // aggregate independently: per mode, over DONE/DEGRADED tasks
    Map<String, List<JsonNode>> byMode = new HashMap<>();
    for (JsonNode t : results) {
      String st = t.get("status").asText();
      if (st.equals("DONE") || st.equals("DEGRADED")) {
        byMode.computeIfAbsent(t.get("mode").asText(), k -> new ArrayList<>()).add(t);
      }
    }
    int rowsForAll = 0;
    for (JsonNode row : summary) {
      if (!row.get("expert").asText().equals("*")) {
        continue;
      }
      rowsForAll++;
      List<JsonNode> mine = byMode.get(row.get("mode").asText());
      assertThat(mine).isNotNull();
      int samples = 0;
      int hits = 0;
      double latency = 0;
      double bits = 0;
      Map<String, Integer> experts = new HashMap<>();
      for (JsonNode t : mine) {
        latency += t.get("modelled").get("totalSeconds").asDouble();
        bits += t.get("bits").asDouble();
        for (JsonNode s : t.get("samples")) {
          if (s.hasNonNull("prediction")) {
            samples++;
            boolean truth = s.get("label").asDouble() >= 0;
            boolean pred = s.get("prediction").asDouble() >= 0;
            hits += truth == pred ? 1 : 0;
            experts.merge(s.get("expert").asText(), 1, Integer::sum);
          }
        }
      }
      assertThat(row.get("tasks").asInt()).isEqualTo(mine.size());
      assertThat(row.get("samples").asInt()).isEqualTo(samples);
      assertThat(row.get("acc2").asDouble()).isCloseTo((double) hits / samples, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(row.get("meanLatencySeconds").asDouble()).isCloseTo(latency / mine.size(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(row.get("meanBits").asDouble()).isCloseTo(bits / mine.size(), org.assertj.core.data.Offset.offset(1e-6));
      final int total = samples;
      experts.forEach((e, n) -> assertThat(row.get("expertShares").get(e).asDouble())
          .isCloseTo((double) n / total, org.assertj.core.data.Offset.offset(1e-9)));
    }
    assertThat(rowsForAll).isEqualTo(byMode.size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void restValidationAuthAndNotFound() throws Exception {
    mvc.perform(post("/api/tasks").contentType(MediaType.APPLICATION_JSON).content("{\"count\":1,\"mode\":\"full\"}"))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/tasks").header("X-Api-Key", "test-key").contentType(MediaType.APPLICATION_JSON)
            .content("{\"sampleIds\":[\"no-such-id\"],\"mode\":\"full\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("sampleIds[0]"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no-such-id")));
    mvc.perform(post("/api/tasks").header("X-Api-Key", "test-key").contentType(MediaType.APPLICATION_JSON)
            .content("{\"count\":2,\"mode\":\"fixed:V+A\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("mode"));
    mvc.perform(get("/api/tasks/t-999999")).andExpect(status().isNotFound());
    mvc.perform(get("/api/devices")).andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.deviceId == 'dev-T')].status").value("LIVE"));
    mvc.perform(get("/api/allocation")).andExpect(status().isOk())
        .andExpect(jsonPath("$.totalUnits").value(111));
  }

  @Test
  void experimentReturnsTheTableRowsOfTheBundle() throws Exception {
    String answer = mvc.perform(post("/api/experiments").header("X-Api-Key", "test-key")
            .contentType(MediaType.APPLICATION_JSON).content("{\"samples\": 8}"))
        .andExpect(status().isAccepted()).andExpect(jsonPath("$.state").value("QUEUED"))
        .andReturn().getResponse().getContentAsString();
    String id = json.readTree(answer).get("id").asText();
    assertThat(id).startsWith("e-");
    JsonNode experiment = await().atMost(Duration.ofMinutes(2)).until(
        () -> json.readTree(mvc.perform(get("/api/experiments/" + id)).andExpect(status().isOk()).andReturn()
            .getResponse().getContentAsString()),
        e -> e.get("state").asText().equals("DONE") || e.get("state").asText().equals("FAILED"));
    assertThat(experiment.get("state").asText()).as(experiment.toString()).isEqualTo("DONE");
    JsonNode rows = experiment.get("rows");
    List<String> names = new ArrayList<>();
    rows.forEach(r -> names.add(r.get("name").asText()));
    assertThat(names).containsExactly("T", "V+A+T", "dynamic fusion (full)", "dynamic fusion (on-demand)");
    assertThat(experiment.get("taskIds")).hasSize(4);
    rows.forEach(r -> {
      assertThat(r.get("status").asText()).isEqualTo("DONE");
      assertThat(r.get("samples").asInt()).isEqualTo(8);
      assertThat(r.get("modelVersion").asText()).isNotBlank();
    });
    mvc.perform(get("/api/experiments/e-999999")).andExpect(status().isNotFound());
    mvc.perform(get("/api/experiments")).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").exists());
    String prometheus = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(prometheus).contains("bs_task_latency_seconds").contains("bs_expert_usage_total")
        .contains("bs_devices{").contains("bs_task_bits");
  }
}
