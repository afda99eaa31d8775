package io.isacemu.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.security.JsonFuzz;
import io.isacemu.security.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import net.jqwik.api.Arbitraries;
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
 * Fuzzed job requests against the real training service on a real port (fake engine): every answer
 * is 2xx or 4xx, never 5xx, and the service keeps serving.
 */
class RestFuzzTest {

  private static final String KEY = "fuzz-key-0123456789";
  private static final Map<String, Integer> STATUSES = new ConcurrentSkipListMap<>();
  private static ConfigurableApplicationContext training;
  private static RawHttp http;
  private static Path work;

  @BeforeContainer
  static void start() throws Exception {
    work = Files.createTempDirectory("training-fuzz-");
    Files.createDirectories(work.resolve("data"));
    training = new SpringApplicationBuilder(TrainingServiceApplication.class, TrainingServiceApplicationTest.FakeEngine.class)
        .run("--server.port=0", "--isac.training.grpc-port=0", "--isac.training.api-key=" + KEY,
            "--isac.training.bundle-dir=" + work.resolve("bundles"), "--isac.training.data-dir=" + work.resolve("data"),
            "--spring.main.allow-bean-definition-overriding=true", "--spring.main.banner-mode=off",
            "--logging.level.root=WARN");
    http = new RawHttp(((WebServerApplicationContext) training).getWebServer().getPort());
  }

  @AfterContainer
  static void stop() throws Exception {
    System.out.println("[fuzz] training-service answers by status: " + STATUSES);
    if (training != null) {
      training.close();
    }
    org.springframework.util.FileSystemUtils.deleteRecursively(work);
  }

  @Property(tries = 200)
  void jobRequestsAreAnswered2xxOr4xx(@ForAll("jobBodies") String body) throws Exception {
    RawHttp.Response r = http.send("POST", "/api/jobs", Map.of("X-Api-Key", KEY), body);
    assertThat(r.status()).as("POST /api/jobs %s → %s", body, r.body()).isBetween(200, 499);
    STATUSES.merge(Integer.toString(r.status()), 1, Integer::sum);
    assertThat(http.send("GET", "/actuator/health", Map.of(), "").status()).as("still serving").isEqualTo(200);
  }

  @Provide
  Arbitrary<String> jobBodies() {
    LinkedHashMap<String, String> valid = new LinkedHashMap<>();
    valid.put("preset", "\"demo\"");
    valid.put("lambdas", "[0,0.5]");
    valid.put("epochsStageOne", "1");
    valid.put("epochsStageTwo", "1");
    valid.put("gates", "[\"on-demand\"]");
    valid.put("dataset", "{\"type\":\"synthetic\",\"trainSize\":50,\"validSize\":20,\"testSize\":20}");
    valid.put("costBudget", "{\"metric\":\"energy\",\"perSample\":0.5}");
    return Arbitraries.oneOf(JsonFuzz.nearlyValid(valid), JsonFuzz.bodies(List.of("preset", "experts", "gateExperts",
        "lambdas", "deployLambda", "epochsStageOne", "epochsStageTwo", "seed", "costMetric", "gates", "networkState",
        "tau0", "tauMin", "batchSize", "patience", "dataset", "gateMode", "type", "path", "format", "maxAccuracyLoss",
        "costBudget", "metric", "perSample")));
  }
}
