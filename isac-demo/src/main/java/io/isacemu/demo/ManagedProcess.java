package io.isacemu.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One service JVM started by the launcher: its command line, log file and health URL. */
final class ManagedProcess {

  private final String name;
  private final List<String> command;
  private final Path log;
  private final URI health;
  private Process process;

  ManagedProcess(String name, Path jar, List<String> args, Path log, int httpPort) {
    this.name = name;
    this.command = new ArrayList<>(List.of(javaBinary(), "-Xms64m", "-Xmx1g", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-jar", jar.toString()));
    this.command.addAll(args);
    this.log = log;
    this.health = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health");
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  void start() throws IOException {
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Waits until {@code /actuator/health} answers 200, the process dies, or the timeout passes. */
  void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!alive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue() + " (see " + log + ")");
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s (see " + log + ")");
  }

  /** SIGKILL at once (no shutdown hooks run: a crash), and waits until the process is gone. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** SIGTERM, then SIGKILL after a grace period. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
