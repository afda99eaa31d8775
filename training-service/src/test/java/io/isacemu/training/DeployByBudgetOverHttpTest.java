package io.isacemu.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.isacemu.training.engine.FakeTrainingEngine;
import io.isacemu.training.engine.TrainingEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A job deployed by budget through the REST API: the results and the bundle name the rule, the
 * chosen λ and the validation frontier (the fake engine's frontier: {@link FakeTrainingEngine#point}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeployByBudgetOverHttpTest {

  @TempDir static Path bundles;

  static final String KEY = "budget-test-key";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("isac.training.grpc-port", () -> 0);
    r.add("isac.training.bundle-dir", () -> bundles.toString());
    r.add("isac.training.api-key", () -> KEY);
  }

  @TestConfiguration
  static class FakeEngine {
    @Bean
    @Primary
    TrainingEngine fakeEngine() {
      return new FakeTrainingEngine();
    }
  }

  @Autowired TestRestTemplate http;

  private ResponseEntity<Map> post(Map<String, Object> body) {
    HttpHeaders key = new HttpHeaders();
    key.set("X-Api-Key", KEY);
    return http.postForEntity("/api/jobs", new HttpEntity<>(body, key), Map.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCostBudgetPicksTheMostAccurateGateWithinItAndReportsTheFrontier() throws Exception {
    // fake frontier latency 0.1/(1+λ) s: λ=0 0.1, λ=0.5 0.0667, λ=1 0.05 → within 0.07 s: 0.5 (Acc-2 0.775) and 1
    ResponseEntity<Map> posted = post(Map.of("epochsStageOne", 1, "epochsStageTwo", 1, "lambdas", List.of(0.0, 0.5, 1.0),
        "costBudget", Map.of("metric", "latency", "perSample", 0.07)));
    assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String location = posted.getHeaders().getLocation().getPath();
    await().atMost(Duration.ofSeconds(20))
        .until(() -> "SUCCEEDED".equals(http.getForObject(location, Map.class).get("state")));

    Map<String, Object> deployment = (Map<String, Object>) http.getForObject(location + "/results", Map.class)
        .get("deployment");
    assertThat(deployment).containsEntry("rule", "costBudget latency 0.07").containsEntry("chosenLambda", 0.5)
        .containsEntry("met", true);
    List<Map<String, Object>> frontier = (List<Map<String, Object>>) deployment.get("frontier");
    assertThat(frontier).extracting(p -> p.get("lambda")).containsExactly(0.0, 0.5, 1.0);
    assertThat(frontier.get(1)).containsEntry("acc2HasZero", 0.775);
    assertThat((Map<String, Object>) frontier.get(1).get("costPerSample")).containsKey("latencySeconds");

    String version = (String) http.getForObject(location, Map.class).get("bundleVersion");
    var metadata = TestSupport.json().readTree(manifest(version)).path("metadata");
    assertThat(metadata.path("deployRule").asText()).isEqualTo("costBudget latency 0.07");
    assertThat(metadata.path("deployment").path("chosenLambda").asDouble()).isEqualTo(0.5);
  }

  /** The bundle archive's {@code bundle-manifest.json}. */
  private String manifest(String version) throws java.io.IOException {
    byte[] zip = http.getForEntity("/api/bundles/" + version, byte[].class).getBody();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals("bundle-manifest.json")) {
          return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no bundle-manifest.json in " + version);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> deploymentOf(Map<String, Object> body) {
    ResponseEntity<Map> posted = post(body);
    assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String location = posted.getHeaders().getLocation().getPath();
    await().atMost(Duration.ofSeconds(20))
        .until(() -> "SUCCEEDED".equals(http.getForObject(location, Map.class).get("state")));
    return (Map<String, Object>) http.getForObject(location + "/results", Map.class).get("deployment");
  }

  @Test
  void anAccuracyBoundPicksTheCheapestGateWithinItOfTheBestFixedExpert() {
    // fake Acc-2 0.80 − 0.05 λ; best fixed gate expert (fake stage I) V+A+T at 0.75: λ=0 and λ=1 are within
    // 0 pp, λ=9 (0.35) is not; the cheaper of the two is λ=1
    assertThat(deploymentOf(Map.of("epochsStageOne", 1, "epochsStageTwo", 1, "lambdas", List.of(0.0, 1.0, 9.0),
        "maxAccuracyLoss", 0.0)))
        .containsEntry("rule", "maxAccuracyLoss 0.0").containsEntry("chosenLambda", 1.0).containsEntry("met", true)
        .containsEntry("bestFixedAcc2HasZero", 0.75);
  }

  @Test
  void anUnreachableBudgetDeploysTheCheapestGateAndSaysSo() {
    Map<String, Object> d = deploymentOf(Map.of("epochsStageOne", 1, "epochsStageTwo", 1,
        "lambdas", List.of(0.0, 1.0, 9.0), "costBudget", Map.of("metric", "bits", "perSample", 1)));
    assertThat(d).containsEntry("chosenLambda", 9.0).containsEntry("met", false);
    assertThat((String) d.get("note")).startsWith("no gate meets the budget of 1.0 bit per sample (bits)");
  }

  @Test
  void anInvalidBudgetIsA400NamingTheField() {
    ResponseEntity<Map> r = post(Map.of("costBudget", Map.of("metric", "energy", "perSample", -1)));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody()).containsEntry("field", "costBudget.perSample");
    assertThat((String) r.getBody().get("detail")).startsWith("costBudget.perSample: -1.0");
  }
}
