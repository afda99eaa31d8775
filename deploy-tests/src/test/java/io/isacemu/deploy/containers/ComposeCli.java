package io.isacemu.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The docker-compose command line as the compose tests drive it (no Testcontainers compose module). */
final class ComposeCli {

  private ComposeCli() {}

  /** docker-compose (v1, Debian's) or the compose plugin; fails loudly when neither is there. */
  static String binary() {
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
  static String run(Path dir, Map<String, String> env, Path log, Duration timeout, String... command)
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
