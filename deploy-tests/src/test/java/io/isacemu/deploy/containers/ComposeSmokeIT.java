package io.isacemu.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as a user runs it: {@code docker-compose up -d} with the images this tier built,
 * then the {@code demo} job (isac-demo in attach mode) trains, runs every gate mode and exits 0; the
 * BS's REST API and Prometheus endpoint answer on the host's published port 8080.
 *
 * <p>Drives the docker-compose binary itself (not Testcontainers' compose module): the file is checked
 * exactly as {@code docker-compose up} reads it, and no helper image from a registry is needed.
 */
class ComposeSmokeIT {

  private static final String PROJECT = "isacsmoke";
  private static final int SAMPLES = 6;

  @Test
  void composeUpRunsTheDemoToAFinishedExperiment() throws Exception {
    Images.requireDocker();
    String compose = ComposeCli.binary();
    Path root = Images.root();
    for (String image : Images.DOCKERFILES.keySet()) {
      Images.image(image); // compose `up` then finds every image and builds nothing
    }
    Map<String, String> env = Map.of(
        "BASE_IMAGE", Images.baseImage(),
        "DEMO_SAMPLES", Integer.toString(SAMPLES),
        "DEMO_EPOCHS", "1",
        "BS_API_KEY", "smoke-api-key",
        "BS_DEVICE_TOKEN", "smoke-device-token");
    Path log = ContainerLogs.DIR.resolve("compose.log");
    Files.createDirectories(ContainerLogs.DIR);
    try {
      ComposeCli.run(root, env, log, Duration.ofMinutes(5), compose, "-p", PROJECT, "-f", "docker-compose.yml", "up", "-d", "--no-build");
      String demo = ComposeCli.run(root, env, log, Duration.ofMinutes(1), compose, "-p", PROJECT, "-f", "docker-compose.yml",
          "ps", "-q", "demo").trim();
      assertThat(demo).as("demo container id").isNotBlank();
      String exit = ComposeCli.run(root, env, log, Duration.ofMinutes(20), "docker", "wait", demo).trim();
      String demoLog = ComposeCli.run(root, env, log, Duration.ofMinutes(1), "docker", "logs", demo);
      assertThat(exit).as("demo exit code; its log:\n%s", demoLog).isEqualTo("0");
      assertThat(demoLog).contains("Table I (extended)").contains("dynamic fusion (on-demand)")
          .contains("dynamic fusion (full)");

      JsonHttpClient rest =
          new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(2)).withApiKey("smoke-api-key");
      JsonNode summary = rest.get("http://localhost:8080/api/summary").body();
      Map<String, Integer> tasksByMode = new TreeMap<>();
      summary.forEach(row -> {
        if (row.path("expert").asText().equals("*")) {
          tasksByMode.put(row.path("mode").asText(), row.path("tasks").asInt());
        }
      });
      assertThat(tasksByMode).as("summary %s", summary).containsOnlyKeys(
          "fixed:V", "fixed:A", "fixed:T", "fixed:V+A+T", "full", "on-demand");
      assertThat(tasksByMode.values()).allSatisfy(n -> assertThat(n).isEqualTo(SAMPLES));
      assertThat(rest.get("http://localhost:8080/actuator/prometheus").raw()).contains("bs_tasks_total");
      assertThat(rest.get("http://localhost:8082/actuator/health").status()).isEqualTo(200);
    } finally {
      try {
        ComposeCli.run(root, env, log, Duration.ofMinutes(2), compose, "-p", PROJECT, "-f", "docker-compose.yml", "logs",
            "--no-color");
      } finally {
        ComposeCli.run(root, env, log, Duration.ofMinutes(3), compose, "-p", PROJECT, "-f", "docker-compose.yml", "down", "-v");
      }
    }
  }
}
