package io.isacemu.deploy.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the platform's images from the repository's Dockerfiles, once per JVM, under the names
 * docker-compose.yml and k8s/ use ({@code isac/<name>:0.1.0}), so that the compose smoke test runs
 * the very images this tier built.
 *
 * <p>The build context is exactly the Dockerfile plus its {@code COPY} sources (read from the
 * Dockerfile itself, not repeated here): the jars Maven packaged before this module's tests. The base
 * image comes from {@code BASE_IMAGE} (system property or environment; {@code docker/ensure-docker.sh}
 * prints it), default {@code isac/jre17:local} when that image exists, else {@code eclipse-temurin:17-jre}.
 */
final class Images {

  /** image name → Dockerfile, relative to the repository root. */
  static final Map<String, String> DOCKERFILES = Map.of(
      "training-service", "training-service/Dockerfile",
      "bs-service", "bs-service/Dockerfile",
      "device-service", "device-service/Dockerfile",
      "experiment-service", "experiment-service/Dockerfile",
      "demo", "isac-demo/Dockerfile");

  private static final Map<String, String> BUILT = new LinkedHashMap<>();
  private static final Pattern COPY = Pattern.compile("(?m)^\\s*COPY\\s+(.+)$");

  private Images() {}

  /** The repository root (failsafe passes {@code repo.root}). */
  static Path root() {
    Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException("repo.root: " + root + " has no docker-compose.yml");
    }
    return root;
  }

  /**
   * Fails — never skips — when Testcontainers cannot use a Docker engine: this tier was asked for
   * explicitly. The message tells which of the two it is: no engine answers at all, or one answers
   * (per the docker CLI) and Testcontainers still failed, with its reason.
   */
  static void requireDocker() {
    try {
      DockerClientFactory.instance().client();
    } catch (RuntimeException e) {
      String docker = "DOCKER_HOST=" + System.getenv().getOrDefault("DOCKER_HOST", "unset");
      String server = DockerCli.serverVersion();
      if (server.isEmpty()) {
        throw new IllegalStateException("the container tier (-Pcontainers) needs a Docker engine and none answers ("
            + docker + ", `docker version` reports no server); run docker/ensure-docker.sh. Testcontainers: "
            + causes(e), e);
      }
      throw new IllegalStateException("a Docker engine answers (server " + server + ", " + docker
          + ") but Testcontainers could not set up its client: " + causes(e), e);
    }
  }

  /** Every message of a cause chain, outermost first. */
  static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
          .append(t.getMessage());
    }
    return out.toString();
  }

  static String baseImage() {
    String fromEnv = System.getProperty("BASE_IMAGE", System.getenv().getOrDefault("BASE_IMAGE", ""));
    if (!fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd("isac/jre17:local").exec();
      return "isac/jre17:local";
    } catch (RuntimeException absent) {
      return "eclipse-temurin:17-jre";
    }
  }

  /** Builds (once) and returns {@code isac/<name>:0.1.0}. */
  static synchronized String image(String name) {
    String known = BUILT.get(name);
    if (known != null) {
      return known;
    }
    requireDocker();
    String dockerfile = DOCKERFILES.get(name);
    if (dockerfile == null) {
      throw new IllegalArgumentException("name: '" + name + "' is none of " + DOCKERFILES.keySet());
    }
    Path root = root();
    String base = requireLocalBase(baseImage());
    String tag = "isac/" + name + ":0.1.0";
    ImageFromDockerfile build = new ImageFromDockerfile(tag, false)
        .withDockerfilePath(dockerfile)
        .withBuildArg("BASE_IMAGE", base)
        .withFileFromPath(dockerfile, root.resolve(dockerfile));
    for (String source : copySources(read(root.resolve(dockerfile)))) {
      Path file = root.resolve(source);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(dockerfile + ": COPY source " + source
            + " does not exist; package the jars first (mvn package, or run this tier through ./test.sh --containers)");
      }
      build.withFileFromPath(source, file);
    }
    long t0 = System.nanoTime();
    String built = build.get();
    System.out.printf("[containers] built %s from %s on %s in %.1f s%n", built, dockerfile, base,
        (System.nanoTime() - t0) / 1e9);
    BUILT.put(name, built);
    return built;
  }

  /**
   * Returns {@code base} when the local engine has it; else fails naming it. A docker build would try
   * to pull it and fail only after a while, with a registry error that names neither the setting nor
   * the fix.
   */
  static String requireLocalBase(String base) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(base).exec();
      return base;
    } catch (RuntimeException absent) {
      throw new IllegalStateException("BASE_IMAGE: " + LocalImagesOnly.refusal(base), absent);
    }
  }

  /** Every source path of every COPY line (flags such as --chown skipped; the last word is the target). */
  static List<String> copySources(String dockerfile) {
    List<String> sources = new ArrayList<>();
    Matcher m = COPY.matcher(dockerfile);
    while (m.find()) {
      List<String> words = new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
      words.removeIf(w -> w.startsWith("--"));
      if (words.size() < 2 || words.get(0).startsWith("[")) {
        throw new IllegalStateException("COPY " + m.group(1) + ": only the plain 'COPY src... dest' form is supported");
      }
      sources.addAll(words.subList(0, words.size() - 1));
    }
    return sources;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
