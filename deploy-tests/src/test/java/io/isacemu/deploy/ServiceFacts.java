package io.isacemu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services read and listen on, derived from their application.yml and the image
 * entrypoint, so that the manifests are checked against the code's configuration rather than
 * against a second hand-written list.
 *
 * <p>Environment names a container may set ({@link #knownEnv}):
 * <ul>
 *   <li>every {@code ${NAME}} / {@code ${NAME:default}} placeholder of the service's application.yml;
 *   <li>the Spring relaxed-binding form of every key of that file (uppercase, {@code .} → {@code _},
 *       dashes dropped, list index {@code [i]} → {@code _i_}; e.g. {@code isac.bs.registry-target} →
 *       {@code ISAC_BS_REGISTRYTARGET}, {@code isac.device.devices[0].modality} →
 *       {@code ISAC_DEVICE_DEVICES_0_MODALITY});
 *   <li>the names docker/entrypoint.sh reads ({@code ${NAME...}}): JAVA_OPTS for every service, the
 *       single-device ones (DEVICE_*, POD_NAME) for device-service only, and {@code X_FILE} (a file
 *       holding X) for every X the service reads;
 *   <li>{@link #PLATFORM_ENV}: names read by Spring Boot or DJL themselves, not by our files.
 * </ul>
 *
 * @param serviceYaml service → parsed application.yml
 * @param placeholders service → the {@code ${NAME}} names of its application.yml
 * @param entrypointReads names docker/entrypoint.sh reads
 * @param entrypointExports names docker/entrypoint.sh exports
 */
record ServiceFacts(Map<String, JsonNode> serviceYaml, Map<String, Set<String>> placeholders,
                  Set<String> entrypointReads, Set<String> entrypointExports) {

  /**
   * Read by Spring Boot (server.port, management.endpoint.health.probes.enabled) or DJL
   * (DJL_CACHE_DIR, ENGINE_CACHE_DIR), whatever the service's own files say.
   */
  static final Set<String> PLATFORM_ENV = Set.of(
      "SERVER_PORT", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[:}]");
  private static final Pattern SH_READ = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");
  private static final Pattern SH_EXPORT = Pattern.compile("(?m)^\\s*export\\s+([A-Z_][A-Z0-9_]*)=");

  static ServiceFacts of(Map<String, String> applicationYml, String entrypoint) {
    Map<String, JsonNode> parsed = new LinkedHashMap<>();
    Map<String, Set<String>> names = new LinkedHashMap<>();
    applicationYml.forEach((service, text) -> {
      parsed.put(service, Repo.yaml(text));
      names.put(service, matches(PLACEHOLDER, text));
    });
    return new ServiceFacts(Map.copyOf(parsed), Map.copyOf(names), matches(SH_READ, entrypoint),
        matches(SH_EXPORT, entrypoint));
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The relaxed-binding environment names of every key (leaf or not) of a service's yml. */
  Set<String> relaxedNames(String service) {
    Set<String> out = new TreeSet<>();
    collect(yml(service), "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    if (!prefix.isEmpty()) {
      out.add(prefix);
    }
    if (node.isObject()) {
      node.properties().forEach(e -> collect(e.getValue(),
          (prefix.isEmpty() ? "" : prefix + "_") + e.getKey().replace("-", "").replace(".", "_")
              .toUpperCase(Locale.ROOT), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), prefix + "_" + i, out);
      }
    }
  }

  /** Every environment name a container of {@code service} may set. */
  Set<String> knownEnv(String service) {
    Set<String> known = new TreeSet<>(PLATFORM_ENV);
    known.addAll(placeholders.getOrDefault(service, Set.of()));
    known.addAll(relaxedNames(service));
    known.add("JAVA_OPTS");
    if (service.equals("device-service")) {
      known.addAll(entrypointReads);
    }
    // the entrypoint's _FILE convention: X_FILE names a file holding X, for every X the service reads
    for (String read : entrypointReads) {
      if (read.endsWith("_FILE") && known.contains(read.substring(0, read.length() - "_FILE".length()))) {
        known.add(read);
      }
    }
    known.remove("HOSTNAME"); // set by the runtime, never by a manifest
    return known;
  }

  JsonNode yml(String service) {
    JsonNode node = serviceYaml.get(service);
    if (node == null) {
      throw new IllegalArgumentException("service: '" + service + "' has no application.yml");
    }
    return node;
  }

  /** The ports a service listens on by default: server.port and, if any, its gRPC port. */
  Set<Integer> ports(String service) {
    Set<Integer> ports = new TreeSet<>();
    ports.add(intOrDefault(yml(service).at("/server/port")));
    JsonNode grpc = switch (service) {
      case "training-service" -> yml(service).at("/isac/training/grpc-port");
      case "bs-service" -> yml(service).at("/isac/bs/grpc-port");
      default -> null;
    };
    if (grpc != null) {
      ports.add(intOrDefault(grpc));
    }
    return ports;
  }

  /** 8082, or the default of {@code ${SERVER_PORT:8081}}. */
  private static int intOrDefault(JsonNode node) {
    if (node.isMissingNode()) {
      throw new IllegalStateException("port key missing in application.yml");
    }
    String text = node.asText();
    Matcher m = Pattern.compile("\\$\\{[A-Za-z0-9_]+:(\\d+)}").matcher(text);
    return Integer.parseInt(m.matches() ? m.group(1) : text);
  }

  /** {@code isac/<service>:0.1.0}: the image name docker-compose builds and k8s runs. */
  static String image(String service) {
    return "isac/" + service + ":0.1.0";
  }

  /** The service of an image name, or empty. */
  static java.util.Optional<String> serviceOfImage(String image) {
    return Repo.SERVICES.stream().filter(s -> image(s).equals(image)).findFirst();
  }
}
