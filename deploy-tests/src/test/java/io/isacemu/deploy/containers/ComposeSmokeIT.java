package io.isacemu.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
    String compose = composeBinary();
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
      run(root, env, log, Duration.ofMinutes(5), compose, "-p", PROJECT, "-f", "docker-compose.yml", "up", "-d", "--no-build");
      String demo = run(root, env, log, Duration.ofMinutes(1), compose, "-p", PROJECT, "-f", "docker-compose.yml",
          "ps", "-q", "demo").trim();
      assertThat(demo).as("demo container id").isNotBlank();
      String exit = run(root, env, log, Duration.ofMinutes(20), "docker", "wait", demo).trim();
      String demoLog = run(root, env, log, Duration.ofMinutes(1), "docker", "logs", demo);
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
        run(root, env, log, Duration.ofMinutes(2), compose, "-p", PROJECT, "-f", "docker-compose.yml", "logs",
            "--no-color");
      } finally {
        run(root, env, log, Duration.ofMinutes(3), compose, "-p", PROJECT, "-f", "docker-compose.yml", "down", "-v");
      }
    }
  }

  /** docker-compose (v1, Debian's) or the compose plugin; fails loudly when neither is there. */
  private static String composeBinary() {
    for (List<String> probe : List.of(List.of("docker-compose", "version"), List.of("docker", "compose", "version"))) {
      try {
        Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return probe.get(0).equals("docker-compose") ? "docker-compose" : "docker compose";
        }
      } catch (IOException | InterruptedException absent) {
        // try the next one
      }
    }
    throw new IllegalStateException("the compose smoke test needs docker-compose (Debian: apt-get install "
        + "docker-compose) or the docker compose plugin; run docker/ensure-docker.sh");
  }

  /** Runs a command in the repository root, appends its output to {@code log}, fails on a non-zero exit. */
  private static String run(Path dir, Map<String, String> env, Path log, Duration timeout, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    for (String c : command) {
      cmd.addAll(List.of(c.split(" "))); // "docker compose" → two words
    }
    Path out = Files.createTempFile("compose-cmd", ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean exited = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    if (!exited) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + ": no exit within " + timeout + "; output:\n" + text);
    }
    Files.writeString(log, "$ " + String.join(" ", cmd) + "\n" + text + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    assertThat(p.exitValue()).as("%s exit code; output:\n%s", String.join(" ", cmd), text).isZero();
    return text;
  }
}
