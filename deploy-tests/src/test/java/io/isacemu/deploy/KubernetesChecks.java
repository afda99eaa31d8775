package io.isacemu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-checks of the k8s/ directory: each file parsed by fabric8's model (so a misspelt kind or a
 * wrong structure fails), then selectors, Services, ports, probes, env names, config/secret keys,
 * volumes, images and the kustomization. {@link #problems} returns every mismatch as one line; an
 * empty list means the manifests are consistent.
 */
final class KubernetesChecks {

  /** A Deployment or StatefulSet, reduced to what the checks need. */
  record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template) {}

  private final Map<String, String> files;
  private final ServiceFacts facts;
  private final Set<String> composeImages;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, HasMetadata> resources = new LinkedHashMap<>();

  private final String generatedSecrets;

  private KubernetesChecks(Map<String, String> files, ServiceFacts facts, Set<String> composeImages,
      String generatedSecrets) {
    this.files = files;
    this.facts = facts;
    this.composeImages = composeImages;
    this.generatedSecrets = generatedSecrets;
  }

  /**
   * @param files k8s/ file name → content (kustomization.yaml included)
   * @param facts what the services read and listen on
   * @param composeImages image names docker-compose.yml builds
   */
  static List<String> problems(Map<String, String> files, ServiceFacts facts, Set<String> composeImages) {
    return problems(files, facts, composeImages, "");
  }

  /**
   * As {@link #problems(Map, ServiceFacts, Set)}, with the Secrets that are not in k8s/ on purpose
   * (no default key or token): {@code generatedSecrets} is what {@code docker/make-secrets.sh k8s N}
   * prints, checked like the files.
   */
  static List<String> problems(Map<String, String> files, ServiceFacts facts, Set<String> composeImages,
      String generatedSecrets) {
    KubernetesChecks c = new KubernetesChecks(files, facts, composeImages, generatedSecrets);
    c.run();
    return List.copyOf(c.problems);
  }

  private void problem(String format, Object... args) {
    problems.add(String.format(format, args));
  }

  private void run() {
    String kustomization = files.get("kustomization.yaml");
    if (kustomization == null) {
      problem("k8s/kustomization.yaml is missing");
      return;
    }
    JsonNode kz = Repo.yaml(kustomization);
    Set<String> listed = new TreeSet<>();
    kz.path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> present = new TreeSet<>(files.keySet());
    present.remove("kustomization.yaml");
    for (String f : present) {
      if (!listed.contains(f)) {
        problem("kustomization.yaml: %s is in k8s/ but not listed in resources", f);
      }
    }
    for (String f : listed) {
      if (!present.contains(f)) {
        problem("kustomization.yaml: resource %s does not exist in k8s/", f);
      }
    }
    KubernetesSerialization serialization = new KubernetesSerialization();
    for (String f : present) {
      try {
        Object parsed = serialization.unmarshal(files.get(f));
        if (parsed instanceof HasMetadata hm) {
          resources.put(f, hm);
        } else {
          problem("%s: not one Kubernetes resource (got %s)", f, parsed == null ? "nothing" : parsed.getClass().getSimpleName());
        }
      } catch (RuntimeException e) {
        problem("%s: does not parse as a Kubernetes resource: %s", f, e.getMessage());
      }
    }
    int doc = 0;
    for (String text : generatedSecrets.split("(?m)^---$")) {
      if (text.isBlank()) {
        continue;
      }
      Object parsed = serialization.unmarshal(text);
      if (parsed instanceof Secret secret) {
        resources.put("make-secrets.sh#" + doc++, secret);
      } else {
        problem("make-secrets.sh: printed something that is not a Secret: %s", parsed);
      }
    }
    String namespace = kz.path("namespace").asText("");
    List<Namespace> namespaces = of(Namespace.class);
    if (namespace.isEmpty() || namespaces.stream().noneMatch(n -> n.getMetadata().getName().equals(namespace))) {
      problem("kustomization.yaml: namespace '%s' has no Namespace resource", namespace);
    }
    resources.forEach((f, r) -> {
      String ns = r.getMetadata().getNamespace();
      if (ns != null && !ns.equals(namespace)) {
        problem("%s: namespace %s differs from the kustomization's %s", f, ns, namespace);
      }
    });

    List<Workload> workloads = new ArrayList<>();
    of(Deployment.class).forEach(d -> workloads.add(new Workload("Deployment", d.getMetadata().getName(),
        d.getSpec().getSelector(), d.getSpec().getTemplate())));
    of(StatefulSet.class).forEach(s -> workloads.add(new Workload("StatefulSet", s.getMetadata().getName(),
        s.getSpec().getSelector(), s.getSpec().getTemplate())));
    if (workloads.isEmpty()) {
      problem("k8s/: no Deployment or StatefulSet");
    }
    Set<String> runningServices = new TreeSet<>();
    for (Workload w : workloads) {
      checkWorkload(w).ifPresent(runningServices::add);
    }
    for (String service : Repo.SERVICES) {
      if (!runningServices.contains(service)) {
        problem("k8s/: no workload runs %s", ServiceFacts.image(service));
      }
    }
    for (Service s : of(Service.class)) {
      checkService(s, workloads);
    }
    for (StatefulSet s : of(StatefulSet.class)) {
      String serviceName = s.getSpec().getServiceName();
      Optional<Service> governing = of(Service.class).stream()
          .filter(svc -> svc.getMetadata().getName().equals(serviceName)).findFirst();
      if (governing.isEmpty() || !"None".equals(governing.get().getSpec().getClusterIP())) {
        problem("StatefulSet %s: serviceName %s is not a headless Service (clusterIP: None)",
            s.getMetadata().getName(), serviceName);
      }
    }
    checkDevicesReachOneBsService(workloads);
  }

  private <T> List<T> of(Class<T> type) {
    return resources.values().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty() && labels != null
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** @return the service the workload runs, if its image is one of ours */
  private Optional<String> checkWorkload(Workload w) {
    String where = w.kind() + " " + w.name();
    Map<String, String> labels = w.template().getMetadata() == null ? Map.of() : w.template().getMetadata().getLabels();
    if (w.selector() == null || !selects(w.selector().getMatchLabels(), labels)) {
      problem("%s: selector %s does not match the pod template labels %s", where,
          w.selector() == null ? null : w.selector().getMatchLabels(), labels);
    }
    Optional<String> runs = Optional.empty();
    Set<String> volumes = new TreeSet<>();
    List<Volume> podVolumes = w.template().getSpec().getVolumes() == null ? List.of() : w.template().getSpec().getVolumes();
    for (Volume v : podVolumes) {
      volumes.add(v.getName());
      if (v.getSecret() != null) {
        String name = v.getSecret().getSecretName();
        if (of(Secret.class).stream().noneMatch(x -> x.getMetadata().getName().equals(name))) {
          problem("%s: volume %s mounts Secret %s, which neither k8s/ nor make-secrets.sh makes", where, v.getName(), name);
        } else if (w.kind().equals("StatefulSet") && tokensDirOf(w, v.getName()).isPresent()) {
          checkDeviceTokens(where, w, name);
        }
      }
      if (v.getPersistentVolumeClaim() != null) {
        String claim = v.getPersistentVolumeClaim().getClaimName();
        if (of(PersistentVolumeClaim.class).stream().noneMatch(p -> p.getMetadata().getName().equals(claim))) {
          problem("%s: volume %s claims %s, which is not a PersistentVolumeClaim in k8s/", where, v.getName(), claim);
        }
      }
    }
    for (Container c : w.template().getSpec().getContainers()) {
      String cw = where + " container " + c.getName();
      Optional<String> service = ServiceFacts.serviceOfImage(c.getImage());
      if (service.isEmpty()) {
        problem("%s: image %s is none of %s", cw, c.getImage(), Repo.SERVICES.stream().map(ServiceFacts::image).toList());
        continue;
      }
      runs = service;
      if (!composeImages.contains(c.getImage())) {
        problem("%s: image %s is not built by docker-compose.yml (it builds %s)", cw, c.getImage(), composeImages);
      }
      checkContainer(cw, service.get(), c, volumes);
    }
    return runs;
  }

  /** The DEVICE_TOKENS_DIR of a container of {@code w} when it is where volume {@code volume} is mounted. */
  private static Optional<String> tokensDirOf(Workload w, String volume) {
    for (Container c : w.template().getSpec().getContainers()) {
      Optional<String> dir = c.getEnv() == null ? Optional.empty() : c.getEnv().stream()
          .filter(e -> e.getName().equals("DEVICE_TOKENS_DIR")).map(EnvVar::getValue).findFirst();
      if (dir.isPresent() && c.getVolumeMounts() != null && c.getVolumeMounts().stream()
          .anyMatch(m -> m.getName().equals(volume) && m.getMountPath().equals(dir.get()))) {
        return dir;
      }
    }
    return Optional.empty();
  }

  /** Each pod {@code <name>-i} of the StatefulSet finds its token under the key {@code <name>-i}. */
  private void checkDeviceTokens(String where, Workload w, String secretName) {
    int replicas = of(StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(w.name()))
        .map(s -> s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas()).findFirst().orElse(1);
    Secret secret = of(Secret.class).stream().filter(x -> x.getMetadata().getName().equals(secretName)).findFirst()
        .orElseThrow();
    Set<String> keys = new TreeSet<>();
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    for (int i = 0; i < replicas; i++) {
      if (!keys.contains(w.name() + "-" + i)) {
        problem("%s: pod %s-%d has no token: Secret %s holds %s", where, w.name(), i, secretName, keys);
      }
    }
  }

  private void checkContainer(String where, String service, Container c, Set<String> volumes) {
    List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
    Set<Integer> expected = facts.ports(service);
    Set<Integer> declared = new TreeSet<>();
    ports.forEach(p -> declared.add(p.getContainerPort()));
    if (!declared.equals(expected)) {
      problem("%s: container ports %s differ from the ports %s listens on %s", where, declared, service, expected);
    }
    Set<String> known = facts.knownEnv(service);
    List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
    Map<String, String> resolved = new LinkedHashMap<>();
    for (EnvVar e : env) {
      if (!known.contains(e.getName())) {
        problem("%s: env %s is not read by %s (not in its application.yml, relaxed binding or entrypoint)",
            where, e.getName(), service);
      }
      resolved.put(e.getName(), resolveEnv(where, e));
    }
    if (c.getEnvFrom() != null && !c.getEnvFrom().isEmpty()) {
      problem("%s: envFrom hides which variables the container sets; use env with configMapKeyRef", where);
    }
    String port = resolved.get("SERVER_PORT");
    if (port != null && !declared.contains(Integer.parseInt(port))) {
      problem("%s: SERVER_PORT %s is not a container port %s", where, port, declared);
    }
    checkProbe(where, "livenessProbe", c.getLivenessProbe(), ports, resolved, true);
    checkProbe(where, "readinessProbe", c.getReadinessProbe(), ports, resolved, true);
    checkProbe(where, "startupProbe", c.getStartupProbe(), ports, resolved, false);
    if (c.getResources() == null || c.getResources().getRequests() == null || c.getResources().getLimits() == null
        || !c.getResources().getRequests().keySet().containsAll(Set.of("cpu", "memory"))
        || !c.getResources().getLimits().keySet().containsAll(Set.of("cpu", "memory"))) {
      problem("%s: needs cpu and memory requests and limits", where);
    }
    if (c.getVolumeMounts() != null) {
      c.getVolumeMounts().stream().filter(m -> !volumes.contains(m.getName()))
          .forEach(m -> problem("%s: volumeMount %s names no volume of the pod", where, m.getName()));
    }
  }

  /** The literal value, or the referenced ConfigMap/Secret value; a dangling reference is a problem. */
  private String resolveEnv(String where, EnvVar e) {
    if (e.getValueFrom() == null) {
      return e.getValue();
    }
    var from = e.getValueFrom();
    if (from.getConfigMapKeyRef() != null) {
      String name = from.getConfigMapKeyRef().getName();
      String key = from.getConfigMapKeyRef().getKey();
      Optional<ConfigMap> cm = of(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst();
      if (cm.isEmpty() || cm.get().getData() == null || !cm.get().getData().containsKey(key)) {
        problem("%s: env %s refers to ConfigMap %s key %s, which does not exist", where, e.getName(), name, key);
        return null;
      }
      return cm.get().getData().get(key);
    }
    if (from.getSecretKeyRef() != null) {
      String name = from.getSecretKeyRef().getName();
      String key = from.getSecretKeyRef().getKey();
      Optional<Secret> secret = of(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
      boolean has = secret.isPresent()
          && ((secret.get().getStringData() != null && secret.get().getStringData().containsKey(key))
              || (secret.get().getData() != null && secret.get().getData().containsKey(key)));
      if (!has) {
        problem("%s: env %s refers to Secret %s key %s, which does not exist", where, e.getName(), name, key);
      }
      return null;
    }
    if (from.getFieldRef() != null) {
      return null;
    }
    problem("%s: env %s uses an unsupported valueFrom", where, e.getName());
    return null;
  }

  private void checkProbe(String where, String kind, Probe probe, List<ContainerPort> ports,
                          Map<String, String> env, boolean required) {
    if (probe == null) {
      if (required) {
        problem("%s: no %s", where, kind);
      }
      return;
    }
    HTTPGetAction get = probe.getHttpGet();
    if (get == null) {
      problem("%s: %s is not an httpGet on the actuator", where, kind);
      return;
    }
    if (!portExists(get.getPort(), ports)) {
      problem("%s: %s port %s is not a container port", where, kind, show(get.getPort()));
    }
    String path = get.getPath() == null ? "" : get.getPath();
    if (!path.equals("/actuator/health") && !path.startsWith("/actuator/health/")) {
      problem("%s: %s path %s is not an actuator health path", where, kind, path);
    }
    if ((path.endsWith("/liveness") || path.endsWith("/readiness"))
        && !"true".equals(env.get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED"))) {
      problem("%s: %s uses %s but MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED is not \"true\"", where, kind, path);
    }
  }

  private static String show(IntOrString port) {
    return port == null ? "null" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
  }

  private static boolean portExists(IntOrString port, List<ContainerPort> ports) {
    if (port == null) {
      return false;
    }
    if (port.getStrVal() != null) {
      return ports.stream().anyMatch(p -> port.getStrVal().equals(p.getName()));
    }
    return ports.stream().anyMatch(p -> port.getIntVal().equals(p.getContainerPort()));
  }

  private void checkService(Service s, List<Workload> workloads) {
    String where = "Service " + s.getMetadata().getName();
    Map<String, String> selector = s.getSpec().getSelector();
    List<Workload> targets = workloads.stream()
        .filter(w -> w.template().getMetadata() != null && selects(selector, w.template().getMetadata().getLabels()))
        .toList();
    if (targets.size() != 1) {
      problem("%s: selector %s selects %d workloads, expected exactly 1", where, selector, targets.size());
      return;
    }
    List<ContainerPort> ports = targets.get(0).template().getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
        .toList();
    for (ServicePort p : s.getSpec().getPorts()) {
      IntOrString target = p.getTargetPort() == null ? new IntOrString(p.getPort()) : p.getTargetPort();
      if (!portExists(target, ports)) {
        problem("%s: port %s targets %s, which is no container port of %s %s", where, p.getPort(), show(target),
            targets.get(0).kind(), targets.get(0).name());
      }
    }
  }

  /** The devices dial BS_HOST:BS_PORT; that must be ONE Service selecting the bs-service workload. */
  private void checkDevicesReachOneBsService(List<Workload> workloads) {
    for (Workload w : workloads) {
      for (Container c : w.template().getSpec().getContainers()) {
        if (!ServiceFacts.image("device-service").equals(c.getImage())) {
          continue;
        }
        String where = w.kind() + " " + w.name();
        Map<String, String> env = new LinkedHashMap<>();
        (c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()).forEach(e -> env.put(e.getName(), resolveQuietly(e)));
        String host = env.get("BS_HOST");
        String port = env.get("BS_PORT");
        if (host == null || port == null) {
          problem("%s: BS_HOST and BS_PORT must be set (got %s:%s)", where, host, port);
          continue;
        }
        Optional<Service> bs = of(Service.class).stream().filter(s -> s.getMetadata().getName().equals(host)).findFirst();
        if (bs.isEmpty()) {
          problem("%s: BS_HOST %s is not a Service in k8s/", where, host);
          continue;
        }
        boolean portOk = bs.get().getSpec().getPorts().stream().anyMatch(p -> String.valueOf(p.getPort()).equals(port));
        boolean selectsBs = workloads.stream().anyMatch(t -> t.template().getSpec().getContainers().stream()
                .anyMatch(tc -> ServiceFacts.image("bs-service").equals(tc.getImage()))
            && selects(bs.get().getSpec().getSelector(), t.template().getMetadata().getLabels()));
        if (!portOk || !selectsBs) {
          problem("%s: %s:%s is not a port of a Service selecting bs-service", where, host, port);
        }
      }
    }
  }

  private String resolveQuietly(EnvVar e) {
    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
      var ref = e.getValueFrom().getConfigMapKeyRef();
      return of(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(ref.getName()))
          .map(m -> m.getData() == null ? null : m.getData().get(ref.getKey())).filter(java.util.Objects::nonNull)
          .findFirst().orElse(null);
    }
    return e.getValue();
  }
}
