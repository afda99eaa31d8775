package io.isacemu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The repository's deployment files, read from disk (surefire passes {@code repo.root}). */
final class Repo {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The Spring Boot services; each has a Dockerfile and an application.yml. */
  static final java.util.List<String> SERVICES = java.util.List.of("training-service", "bs-service", "device-service",
      "experiment-service");

  private Repo() {}

  static Path root() {
    Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("k8s"))) {
      throw new IllegalStateException("repo.root: " + root + " is not the repository root (no pom.xml or k8s/)");
    }
    return root;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String relative) {
    return read(root().resolve(relative));
  }

  /** One YAML document as a tree; SnakeYAML so that merge keys ({@code <<: *anchor}) are resolved. */
  static JsonNode yaml(String text) {
    Object loaded = new Yaml().load(text);
    return JSON.valueToTree(loaded == null ? java.util.Map.of() : loaded);
  }

  /** Every regular file directly in k8s/, by file name, in name order. */
  static Map<String, String> k8sFiles() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(root().resolve("k8s"))) {
      list.filter(Files::isRegularFile).forEach(p -> files.put(p.getFileName().toString(), read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** service name → Dockerfile text (absent files are simply missing from the map). */
  static Map<String, String> dockerfiles() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String service : SERVICES) {
      Path file = root().resolve(service).resolve("Dockerfile");
      if (Files.isRegularFile(file)) {
        files.put(service, read(file));
      }
    }
    return files;
  }

  /** The deployment facts of the real repository. */
  static ServiceFacts facts() {
    Map<String, String> yml = new LinkedHashMap<>();
    for (String service : SERVICES) {
      yml.put(service, read(service + "/src/main/resources/application.yml"));
    }
    return ServiceFacts.of(yml, read("docker/entrypoint.sh"));
  }

  /**
   * Runs the Secret command that k8s/kustomization.yaml documents ({@code sh docker/make-secrets.sh
   * k8s N}) and returns what it prints.
   */
  static String documentedK8sSecrets() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("sh docker/make-secrets\\.sh k8s (\\d+)")
        .matcher(read("k8s/kustomization.yaml"));
    if (!m.find()) {
      throw new IllegalStateException("k8s/kustomization.yaml documents no 'sh docker/make-secrets.sh k8s N'");
    }
    try {
      Process p = new ProcessBuilder("sh", root().resolve("docker/make-secrets.sh").toString(), "k8s", m.group(1))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("docker/make-secrets.sh k8s " + m.group(1) + " failed: " + out);
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
