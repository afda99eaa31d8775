package io.isacemu.experimentservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.experimentservice.run.ExperimentPlatform;
import io.isacemu.experimentservice.run.GatedPlatform;
import io.isacemu.scenario.error.Problem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The REST API over a real server and client (java.net.http), the platform a {@link GatedPlatform}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExperimentHttpTest {

  static final String KEY = "test-key";
  static final String TINY = "serving:\n  modes: [fixed:T]\n  samplesPerPoint: 2\n  tasksInFlight: 1\n";
  static final Path RESULTS = tempDir();
  static final ObjectMapper JSON = new ObjectMapper();

  @TestConfiguration
  static class Platform {
    @Bean
    @Primary
    GatedPlatform gatedPlatform() {
      return new GatedPlatform();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("isac.experiments.api-key", () -> KEY);
    r.add("isac.experiments.results-dir", RESULTS::toString);
    r.add("isac.experiments.queue-capacity", () -> 1);
    r.add("isac.experiments.max-body-bytes", () -> 2000);
    r.add("isac.experiments.retry-after-seconds", () -> 11);
  }

  @LocalServerPort int port;
  @Autowired GatedPlatform platform;
  @Autowired ExperimentPlatform used;
  private final HttpClient http = HttpClient.newHttpClient();

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("experiment-http");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpResponse<String> post(String path, String body, String type, boolean withKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    if (withKey) {
      b.header("X-Api-Key", KEY);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String rawPath) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode await(String id) throws Exception {
    JsonNode s = JSON.createObjectNode();
    for (int i = 0; i < 3000; i++) {
      s = JSON.readTree(get("/api/experiments/" + id).body());
      if (!List.of("QUEUED", "RUNNING").contains(s.path("status").asText())) {
        return s;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("not finished: " + s);
  }

  @Test
  @Order(1)
  void aSubmissionBeyondTheQueueIs429WithRetryAfterAndWithoutTheKey401() throws Exception {
    assertThat(used).isSameAs(platform);
    HttpResponse<String> noKey = post("/api/experiments", TINY, "application/yaml", false);
    assertThat(noKey.statusCode()).isEqualTo(401);
    HttpResponse<String> a = post("/api/experiments", TINY, "application/yaml", true);
    assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
    JsonNode accepted = JSON.readTree(a.body());
    assertThat(accepted.path("links").path("self").asText()).isEqualTo("/api/experiments/" + accepted.path("id").asText());
    String id = accepted.path("id").asText();
    for (int i = 0; i < 3000 && platform.awaiting.get() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(post("/api/experiments", TINY, "text/yaml", true).statusCode()).as("waits in the queue").isEqualTo(202);
    HttpResponse<String> full = post("/api/experiments", TINY, "application/yaml", true);
    assertThat(full.statusCode()).as(full.body()).isEqualTo(429);
    assertThat(full.headers().firstValue("Retry-After")).hasValue("11");
    JsonNode running = JSON.readTree(get("/api/experiments/" + id).body());
    assertThat(running.path("status").asText()).isEqualTo("RUNNING");
    assertThat(running.path("progress").path("tasks").asInt()).isEqualTo(2);
    platform.open();
    assertThat(await(id).path("status").asText()).isEqualTo("COMPLETE");
  }

  @Test
  @Order(2)
  void aBadScenarioIs400NamingTheKeyPathAndValueAndSoIsAStartUpSettingThatDiffers() throws Exception {
    HttpResponse<String> bad = post("/api/experiments", "serving:\n  samplesPerPoint: -3\n", "application/yaml", true);
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode p = JSON.readTree(bad.body());
    assertThat(p.path("field").asText()).isEqualTo("serving.samplesPerPoint");
    assertThat(p.path("value").asText()).isEqualTo("-3");
    platform.differences = s -> List.of(new Problem("cell.noiseFigureDb", "3", "3 differs from the running platform's 9"));
    try {
      JsonNode d = JSON.readTree(post("/api/experiments", TINY, "application/yaml", true).body());
      assertThat(d.path("status").asInt()).isEqualTo(400);
      assertThat(d.path("problems").get(0).path("field").asText()).isEqualTo("cell.noiseFigureDb");
    } finally {
      platform.differences = s -> List.of();
    }
    String big = "# " + "x".repeat(3000) + "\n" + TINY;
    assertThat(post("/api/experiments", big, "application/yaml", true).statusCode()).isEqualTo(413);
    assertThat(post("/api/experiments", "{}", "application/json", true).statusCode()).isEqualTo(415);
  }

  @Test
  @Order(3)
  void aCompleteRunServesItsFilesAndNothingOutsideThem() throws Exception {
    HttpResponse<String> a = post("/api/experiments?name=tiny", TINY, "application/yaml", true);
    String id = JSON.readTree(a.body()).path("id").asText();
    JsonNode done = await(id);
    assertThat(done.path("status").asText()).isEqualTo("COMPLETE");
    assertThat(done.path("progress").path("tasksDone").asInt()).isEqualTo(2);
    assertThat(done.path("links").path("files").has("summary.csv")).isTrue();
    HttpResponse<String> summary = get("/api/experiments/" + id + "/files/summary.csv");
    assertThat(summary.statusCode()).isEqualTo(200);
    assertThat(summary.body().lines().count()).as(summary.body()).isEqualTo(2); // header + fixed:T
    assertThat(get("/api/experiments/" + id + "/files/report.html").body()).contains("<html");
    Files.writeString(RESULTS.resolve("secret.txt"), "SECRET");
    Files.writeString(RESULTS.resolve(id).resolve("plots").resolve("..secret.txt"), "SECRET");
    for (String name : List.of("../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt",
        "plots/../../secret.txt", "plots/..secret.txt", "/" + RESULTS.resolve("secret.txt"),
        "%2F" + RESULTS.resolve("secret.txt").toString().substring(1).replace("/", "%2F"), "experiment.json",
        "plots/%2e%2e/%2e%2e/secret.txt")) {
      HttpResponse<String> r = get("/api/experiments/" + id + "/files/" + name);
      assertThat(r.statusCode()).as(name).isIn(400, 404);
      assertThat(r.body()).as(name).doesNotContain("SECRET");
    }
    assertThat(get("/api/experiments/../secret.txt").body()).doesNotContain("SECRET");
    JsonNode list = JSON.readTree(get("/api/experiments").body());
    assertThat(list.path("experiments").findValuesAsText("id")).contains(id);
    assertThat(post("/api/experiments/" + id + "/cancel", "", "application/json", true).statusCode()).isEqualTo(409);
    assertThat(get("/api/experiments/nope").statusCode()).isEqualTo(404);
  }
}
