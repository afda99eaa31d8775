package io.isacemu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-checks of docker-compose.yml and the three Dockerfiles. {@link #composeProblems} and
 * {@link #dockerfileProblems} return every mismatch as one line; empty means consistent.
 */
final class ComposeChecks {

  /** The one-shot experiment (isac-demo in attach mode): not a platform service, checked on its own. */
  static final String DEMO = "demo";

  /** The one-shot maker of the API key and the device tokens (docker/make-secrets.sh): checked on its own. */
  static final String SECRETS = "secrets";

  /** The services docker-compose.yml must define. */
  static final Set<String> COMPOSE_SERVICES = Set.of(
      "training-service", "bs-service", "device-video", "device-audio", "device-text", "device-extra",
      "experiment-service", DEMO, SECRETS);


  private ComposeChecks() {}

  /** The platform images the compose file builds (services with both image and build; not the demo job). */
  static Set<String> builtImages(String composeYaml) {
    Set<String> images = new TreeSet<>();
    Repo.yaml(composeYaml).path("services").fields().forEachRemaining(e -> {
      JsonNode s = e.getValue();
      if (!e.getKey().equals(DEMO) && s.has("build") && s.has("image")) {
        images.add(s.path("image").asText());
      }
    });
    return images;
  }

  /**
   * @param composeYaml docker-compose.yml
   * @param dockerfiles service → Dockerfile text
   * @param facts what the services read and listen on
   */
  static List<String> composeProblems(String composeYaml, Map<String, String> dockerfiles, ServiceFacts facts) {
    List<String> problems = new ArrayList<>();
    JsonNode root = Repo.yaml(composeYaml);
    JsonNode services = root.path("services");
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    if (!names.equals(COMPOSE_SERVICES)) {
      problems.add("docker-compose.yml: services " + names + " differ from " + new TreeSet<>(COMPOSE_SERVICES));
    }
    Map<String, String> serviceOf = new LinkedHashMap<>();
    if (names.contains(DEMO)) {
      demoProblems(problems, root, services.path(DEMO));
    }
    if (names.contains(SECRETS)) {
      secretsProblems(problems, services);
    }
    for (String name : names) {
      if (name.equals(DEMO) || name.equals(SECRETS)) {
        continue;
      }
      JsonNode s = services.path(name);
      String where = "docker-compose.yml " + name;
      String image = s.path("image").asText("");
      Optional<String> service = ServiceFacts.serviceOfImage(image);
      if (service.isEmpty()) {
        problems.add(where + ": image '" + image + "' is none of the isac/<service>:0.1.0 names");
        continue;
      }
      serviceOf.put(name, service.get());
      JsonNode build = s.path("build");
      String dockerfile = service.get() + "/Dockerfile";
      if (!build.path("dockerfile").asText("").equals(dockerfile) || !build.path("context").asText("").equals(".")) {
        problems.add(where + ": build must be context '.' and dockerfile " + dockerfile + " (got " + build + ")");
      }
      if (!build.path("args").has("BASE_IMAGE")) {
        problems.add(where + ": build args lack BASE_IMAGE");
      }
      if (!dockerfiles.containsKey(service.get())) {
        problems.add(where + ": " + dockerfile + " does not exist");
      }
      Set<Integer> exposed = dockerfiles.containsKey(service.get()) ? exposed(dockerfiles.get(service.get())) : Set.of();
      for (JsonNode p : s.path("ports")) {
        String[] parts = p.asText().split(":");
        int container = Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", ""));
        if (!facts.ports(service.get()).contains(container) || !exposed.contains(container)) {
          problems.add(where + ": port " + p.asText() + " maps container port " + container
              + ", which " + service.get() + " does not listen on / EXPOSE " + exposed);
        }
      }
      Set<String> known = facts.knownEnv(service.get());
      JsonNode env = s.path("environment");
      if (env.isArray()) {
        problems.add(where + ": use the map form of environment");
      }
      env.fieldNames().forEachRemaining(var -> {
        if (!known.contains(var)) {
          problems.add(where + ": env " + var + " is not read by " + service.get()
              + " (not in its application.yml, relaxed binding or entrypoint)");
        }
      });
      JsonNode health = s.path("healthcheck").path("test");
      if (!health.isMissingNode()
          && facts.ports(service.get()).stream().noneMatch(port -> health.toString().contains(port.toString()))) {
        problems.add(where + ": healthcheck " + health + " names none of the ports " + facts.ports(service.get()));
      }
      s.path("depends_on").fields().forEachRemaining(dep -> {
        if (!names.contains(dep.getKey())) {
          problems.add(where + ": depends_on unknown service " + dep.getKey());
        } else if (!"service_healthy".equals(dep.getValue().path("condition").asText())
            || !services.path(dep.getKey()).has("healthcheck")) {
          problems.add(where + ": depends_on " + dep.getKey() + " must wait for service_healthy on a healthcheck");
        }
      });
      for (JsonNode v : s.path("volumes")) {
        String source = v.asText().split(":")[0];
        if (!source.startsWith(".") && !source.startsWith("/") && !root.path("volumes").has(source)) {
          problems.add(where + ": volume " + source + " is not a named volume of the file");
        }
      }
    }
    // the BS REST API and the training API are reachable from the host
    checkPublished(problems, services, "bs-service", 8080);
    checkPublished(problems, services, "training-service", 8082);
    // devices dial the BS service by its compose name; the BS dials the training registry by name
    serviceOf.forEach((name, service) -> {
      JsonNode env = services.path(name).path("environment");
      if (service.equals("device-service")) {
        expectTarget(problems, name, env.path("BS_HOST").asText(""), env.path("BS_PORT").asText(""),
            serviceOf, "bs-service", facts);
      }
      if (service.equals("bs-service")) {
        String[] target = env.path("ISAC_BS_REGISTRYTARGET").asText(":").split(":");
        expectTarget(problems, name, target[0], target.length > 1 ? target[1] : "", serviceOf, "training-service", facts);
      }
    });
    return problems;
  }

  /**
   * The demo job must build isac/demo from isac-demo/Dockerfile, wait for the BS and the training
   * service to be healthy, address them by their compose names and REST ports, and use the BS's API key.
   */
  private static void demoProblems(List<String> problems, JsonNode root, JsonNode demo) {
    String where = "docker-compose.yml " + DEMO;
    if (!demo.path("image").asText("").equals("isac/demo:0.1.0")) {
      problems.add(where + ": image must be isac/demo:0.1.0, got '" + demo.path("image").asText("") + "'");
    }
    JsonNode build = demo.path("build");
    if (!build.path("dockerfile").asText("").equals("isac-demo/Dockerfile") || !build.path("context").asText("").equals(".")
        || !build.path("args").has("BASE_IMAGE")) {
      problems.add(where + ": build must be context '.', dockerfile isac-demo/Dockerfile, args BASE_IMAGE (got " + build + ")");
    }
    for (String dep : List.of("training-service", "bs-service")) {
      if (!"service_healthy".equals(demo.path("depends_on").path(dep).path("condition").asText())) {
        problems.add(where + ": must depend on " + dep + " with condition service_healthy");
      }
    }
    List<String> command = new ArrayList<>();
    demo.path("command").forEach(c -> command.add(c.asText()));
    expectArg(problems, where, command, "--training-url", "http://training-service:8082");
    expectArg(problems, where, command, "--bs-url", "http://bs-service:8080");
    // the demo and the training service read the BS's API key file
    String key = demo.path("environment").path("BS_API_KEY_FILE").asText("");
    String bsKey = root.path("services").path("bs-service").path("environment").path("BS_API_KEY_FILE").asText("");
    if (key.isEmpty() || !key.equals(bsKey)) {
      problems.add(where + ": BS_API_KEY_FILE '" + key + "' differs from bs-service's '" + bsKey + "'");
    }
    String trainingKey = root.path("services").path("training-service").path("environment")
        .path("TRAINING_API_KEY_FILE").asText("");
    if (!key.equals(trainingKey)) {
      problems.add(where + ": BS_API_KEY_FILE '" + key + "' differs from training-service's TRAINING_API_KEY_FILE '"
          + trainingKey + "'");
    }
  }

  /** Environment names whose value is a secret file or a directory of them. */
  private static final Set<String> SECRET_PATHS = Set.of("BS_API_KEY_FILE", "TRAINING_API_KEY_FILE",
      "BS_DEVICE_TOKEN_FILE", "DEVICE_AUTH_TOKEN_FILE", "DEVICE_TOKENS_DIR", "ISAC_BS_AUTH_DEVICETOKENSDIR");

  /**
   * The secrets service runs docker/make-secrets.sh serve /out with the id of every device that
   * reads its token from DEVICE_TOKENS_DIR, and has a healthcheck; every secret path a service reads
   * lies in a volume that the secrets service writes, and a device's token volume is the one the
   * secrets service fills for that device's id.
   */
  private static void secretsProblems(List<String> problems, JsonNode services) {
    String where = "docker-compose.yml " + SECRETS;
    JsonNode secrets = services.path(SECRETS);
    List<String> entrypoint = new ArrayList<>();
    secrets.path("entrypoint").forEach(c -> entrypoint.add(c.asText()));
    if (entrypoint.size() < 4 || !entrypoint.get(1).equals("/opt/isac/make-secrets.sh")
        || !entrypoint.get(2).equals("serve") || !entrypoint.get(3).equals("/out")) {
      problems.add(where + ": entrypoint must run /opt/isac/make-secrets.sh serve /out <ids> (got " + entrypoint + ")");
    }
    Set<String> ids = new TreeSet<>(entrypoint.subList(Math.min(4, entrypoint.size()), entrypoint.size()));
    if (!secrets.has("healthcheck")) {
      problems.add(where + ": no healthcheck (the services wait for its /out/.ready)");
    }
    Map<String, String> written = new LinkedHashMap<>(); // volume → where the secrets service mounts it
    for (JsonNode v : secrets.path("volumes")) {
      String[] parts = v.asText().split(":");
      written.put(parts[0], parts.length > 1 ? parts[1] : "");
    }
    services.fields().forEachRemaining(e -> {
      if (e.getKey().equals(SECRETS)) {
        return;
      }
      Map<String, String> mounts = new LinkedHashMap<>(); // target → volume
      for (JsonNode v : e.getValue().path("volumes")) {
        String[] parts = v.asText().split(":");
        if (parts.length > 1) {
          mounts.put(parts[1], parts[0]);
        }
      }
      JsonNode env = e.getValue().path("environment");
      for (String var : SECRET_PATHS) {
        String path = env.path(var).asText("");
        if (path.isEmpty()) {
          continue;
        }
        Optional<Map.Entry<String, String>> mount = mounts.entrySet().stream()
            .filter(m -> path.equals(m.getKey()) || path.startsWith(m.getKey() + "/")).findFirst();
        if (mount.isEmpty() || !written.containsKey(mount.get().getValue())) {
          problems.add("docker-compose.yml " + e.getKey() + ": " + var + " " + path
              + " is in no volume the secrets service writes " + written.keySet());
        }
      }
      String id = env.path("DEVICE_ID").asText("");
      String tokens = env.path("DEVICE_TOKENS_DIR").asText("");
      if (!tokens.isEmpty()) {
        if (!ids.contains(id)) {
          problems.add("docker-compose.yml " + e.getKey() + ": DEVICE_ID '" + id
              + "' reads its token from DEVICE_TOKENS_DIR, but the secrets service makes tokens for " + ids);
        }
        String volume = mounts.getOrDefault(tokens, "");
        if (!("/out/" + id).equals(written.get(volume))) {
          problems.add("docker-compose.yml " + e.getKey() + ": DEVICE_TOKENS_DIR " + tokens + " is volume '" + volume
              + "', which the secrets service does not fill for " + id + " (at /out/" + id + ")");
        }
      }
    });
  }

  private static void expectArg(List<String> problems, String where, List<String> command, String option, String value) {
    int i = command.indexOf(option);
    if (i < 0 || i + 1 >= command.size() || !command.get(i + 1).equals(value)) {
      problems.add(where + ": command must pass " + option + " " + value + " (got " + command + ")");
    }
  }

  private static void checkPublished(List<String> problems, JsonNode services, String name, int port) {
    boolean published = false;
    for (JsonNode p : services.path(name).path("ports")) {
      published |= p.asText().matches("(.*:)?" + port + ":" + port);
    }
    if (!published) {
      problems.add("docker-compose.yml " + name + ": port " + port + " is not published on the host as " + port);
    }
  }

  private static void expectTarget(List<String> problems, String from, String host, String port,
                                   Map<String, String> serviceOf, String service, ServiceFacts facts) {
    if (!service.equals(serviceOf.get(host)) || port.isEmpty()
        || !facts.ports(service).contains(Integer.parseInt(port.replaceAll("\\D", "0")))) {
      problems.add("docker-compose.yml " + from + ": dials " + host + ":" + port + ", not a " + service
          + " compose service on one of its ports " + facts.ports(service));
    }
  }

  private static final Pattern EXPOSE = Pattern.compile("(?m)^\\s*EXPOSE\\s+(.+)$");

  static Set<Integer> exposed(String dockerfile) {
    Set<Integer> ports = new TreeSet<>();
    Matcher m = EXPOSE.matcher(dockerfile);
    while (m.find()) {
      for (String p : m.group(1).trim().split("\\s+")) {
        ports.add(Integer.parseInt(p.replaceAll("/.*", "")));
      }
    }
    return ports;
  }

  /** ARG BASE_IMAGE before FROM ${BASE_IMAGE}, numeric or named non-root USER, HEALTHCHECK, EXPOSE. */
  static List<String> dockerfileProblems(String service, String dockerfile, ServiceFacts facts) {
    List<String> problems = new ArrayList<>();
    String where = service + "/Dockerfile";
    String text = dockerfile.replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n", " ");
    if (!Pattern.compile("(?m)^ARG BASE_IMAGE=\\S+").matcher(text).find()) {
      problems.add(where + ": no ARG BASE_IMAGE=<default>");
    }
    if (!Pattern.compile("(?m)^FROM \\$\\{BASE_IMAGE}\\s*$").matcher(text).find()) {
      problems.add(where + ": does not build FROM ${BASE_IMAGE}");
    }
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(text);
    String lastUser = null;
    while (user.find()) {
      lastUser = user.group(1);
    }
    if (lastUser == null || lastUser.split(":")[0].equals("root") || lastUser.split(":")[0].equals("0")) {
      problems.add(where + ": final USER must be non-root (got " + lastUser + ")");
    }
    Matcher health = Pattern.compile("(?m)^HEALTHCHECK\\s+(.*)$").matcher(text);
    if (!health.find()) {
      problems.add(where + ": no HEALTHCHECK");
    } else if (!health.group(1).contains("/actuator/health")
        || facts.ports(service).stream().noneMatch(p -> health.group(1).contains(p.toString()))) {
      problems.add(where + ": HEALTHCHECK does not probe /actuator/health on a port of " + service);
    }
    Set<Integer> exposed = exposed(text);
    if (!exposed.equals(facts.ports(service))) {
      problems.add(where + ": EXPOSE " + exposed + " differs from the ports " + service + " listens on " + facts.ports(service));
    }
    String jar = service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar";
    if (!text.contains("COPY " + jar + " ")) {
      problems.add(where + ": does not COPY the packaged jar " + jar);
    }
    for (String flag : List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Dai.djl.offline=true")) {
      if (!text.contains(flag)) {
        problems.add(where + ": JVM flag " + flag + " missing");
      }
    }
    for (String cache : List.of("DJL_CACHE_DIR=/tmp/", "ENGINE_CACHE_DIR=/tmp/")) {
      if (!text.contains(cache)) {
        problems.add(where + ": " + cache + "... (a writable DJL cache) missing");
      }
    }
    return problems;
  }
}
