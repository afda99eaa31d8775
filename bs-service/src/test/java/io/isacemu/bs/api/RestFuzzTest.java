package io.isacemu.bs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsServiceApplication;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.security.JsonFuzz;
import io.isacemu.security.RawHttp;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fuzzed REST bodies against the real BS on a real port (with a model in service, no devices):
 * random JSON, wrong types, huge numbers, unicode, garbage. Every answer is 2xx or 4xx, never 5xx,
 * and the service keeps serving.
 */
class RestFuzzTest {

  private static final String KEY = "fuzz-key-0123456789";
  private static ConfigurableApplicationContext bs;
  private static Server registry;
  private static RawHttp http;
  private static final Map<String, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

  @BeforeContainer
  static void start() throws Exception {
    FakeModelRegistry models = new FakeModelRegistry();
    models.publish("v1", TestBundle.zip());
    String name = InProcessServerBuilder.generateName();
    registry = InProcessServerBuilder.forName(name).addService(models).build().start();
    SyntheticConfig d = TestBundle.DATASET;
    bs = new SpringApplicationBuilder(BsServiceApplication.class).run(
        "--server.port=0", "--isac.bs.grpc-port=0", "--isac.bs.registry-target=in-process:" + name,
        "--isac.bs.api-key=" + KEY, "--isac.bs.time-scale-factor=0", "--isac.bs.deadline-grace-ms=200",
        "--isac.bs.dataset.seed=" + d.seed(), "--isac.bs.dataset.train-size=" + d.trainSize(),
        "--isac.bs.dataset.valid-size=" + d.validSize(), "--isac.bs.dataset.test-size=" + d.testSize(),
        "--isac.bs.dataset.sequence-length=" + d.sequenceLength(), "--spring.main.banner-mode=off",
        "--logging.level.root=WARN");
    http = new RawHttp(((WebServerApplicationContext) bs).getWebServer().getPort());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> http.send("GET", "/api/model", Map.of(), "").status() == 200); // a model in service
  }

  @AfterContainer
  static void stop() {
    System.out.println("[fuzz] bs-service answers by endpoint and status: " + STATUSES);
    if (bs != null) {
      bs.close();
    }
    if (registry != null) {
      registry.shutdownNow();
    }
  }

  @Property(tries = 150)
  void tasksAreAnswered2xxOr4xx(@ForAll("taskBodies") String body) throws Exception {
    assertAnswered("/api/tasks", body);
  }

  @Property(tries = 60)
  void experimentsAreAnswered2xxOr4xx(@ForAll("experimentBodies") String body) throws Exception {
    assertAnswered("/api/experiments", body);
  }

  @Provide
  Arbitrary<String> taskBodies() {
    java.util.LinkedHashMap<String, String> valid = new java.util.LinkedHashMap<>();
    valid.put("count", "2");
    valid.put("mode", "\"on-demand\"");
    valid.put("deadlineSeconds", "5");
    valid.put("objective", "\"latency\"");
    return net.jqwik.api.Arbitraries.oneOf(JsonFuzz.nearlyValid(valid),
        JsonFuzz.bodies(List.of("sampleIds", "count", "mode", "deadlineSeconds", "objective")));
  }

  @Provide
  Arbitrary<String> experimentBodies() {
    java.util.LinkedHashMap<String, String> valid = new java.util.LinkedHashMap<>();
    valid.put("samples", "2");
    valid.put("modes", "[\"fixed:T\",\"full\"]");
    valid.put("deadlineSeconds", "5");
    valid.put("objective", "\"energy\"");
    return net.jqwik.api.Arbitraries.oneOf(JsonFuzz.nearlyValid(valid),
        JsonFuzz.bodies(List.of("samples", "modes", "deadlineSeconds", "objective")));
  }

  private static void assertAnswered(String path, String body) throws Exception {
    RawHttp.Response r = http.send("POST", path, Map.of("X-Api-Key", KEY), body);
    assertThat(r.status()).as("POST %s %s → %s", path, body, r.body()).isBetween(200, 499);
    STATUSES.merge(path + " " + r.status(), 1, Integer::sum);
    assertThat(http.send("GET", "/actuator/health", Map.of(), "").status()).as("still serving").isEqualTo(200);
  }
}
