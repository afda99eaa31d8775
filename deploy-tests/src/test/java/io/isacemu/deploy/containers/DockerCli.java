package io.isacemu.deploy.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What the docker CLI says about the engine, independent of Testcontainers (for truthful errors). */
final class DockerCli {

  private DockerCli() {}

  /** The engine's version as {@code docker version} reports it, or "" when no engine answers. */
  static String serverVersion() {
    try {
      Process p = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
