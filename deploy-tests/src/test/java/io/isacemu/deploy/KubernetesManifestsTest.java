package io.isacemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every manifest in k8s/ against the others, the services' configuration and docker-compose.yml. */
class KubernetesManifestsTest {

  private static final ServiceFacts FACTS = Repo.facts();
  private static final Set<String> COMPOSE_IMAGES = ComposeChecks.builtImages(Repo.read("docker-compose.yml"));

  /** What the command documented in kustomization.yaml ({@code make-secrets.sh k8s N}) prints. */
  private static final String SECRETS = Repo.documentedK8sSecrets();

  private static List<String> problems(Map<String, String> files) {
    return KubernetesChecks.problems(files, FACTS, COMPOSE_IMAGES, SECRETS);
  }

  /** The real files with one textual replacement in one file (which must apply). */
  private static Map<String, String> mutated(String file, String from, String to) {
    Map<String, String> files = new LinkedHashMap<>(Repo.k8sFiles());
    String text = files.get(file);
    assertThat(text).as("%s contains %s", file, from).contains(from);
    files.put(file, text.replace(from, to));
    return files;
  }

  @Test
  void theManifestsAreConsistent() {
    Map<String, String> files = Repo.k8sFiles();
    assertThat(files).containsKeys("kustomization.yaml", "namespace.yaml", "configmap.yaml",
        "training-pvc.yaml", "training-deployment.yaml", "bs-deployment.yaml", "device-statefulset.yaml");
    assertThat(problems(files)).isEmpty();
  }

  @Test
  void noSecretValueIsInTheRepositoryAndEveryDevicePodHasItsOwnToken() {
    assertThat(Repo.k8sFiles().values()).noneSatisfy(text -> assertThat(text).contains("kind: Secret"));
    assertThat(KubernetesChecks.problems(Repo.k8sFiles(), FACTS, COMPOSE_IMAGES))
        .as("without the generated Secrets the references dangle")
        .anySatisfy(p -> assertThat(p).contains("Secret isac-device-tokens, which neither k8s/ nor make-secrets.sh makes"))
        .anySatisfy(p -> assertThat(p).contains("Secret isac-secrets key api-key"));
    assertThat(problems(mutated("device-statefulset.yaml", "replicas: 3", "replicas: 4")))
        .anySatisfy(p -> assertThat(p).contains("pod device-3 has no token: Secret isac-device-tokens holds"));
  }

  @Test
  void imagesAreTheOnesComposeBuilds() {
    assertThat(COMPOSE_IMAGES).containsExactlyInAnyOrder(
        "isac/training-service:0.1.0", "isac/bs-service:0.1.0", "isac/device-service:0.1.0",
        "isac/experiment-service:0.1.0");
  }

  @Test
  void aMisspeltEnvNameFails() {
    assertThat(problems(mutated("bs-deployment.yaml", "ISAC_BS_REGISTRYTARGET", "ISAC_BS_REGISTRY_TARGET")))
        .anySatisfy(p -> assertThat(p).contains("env ISAC_BS_REGISTRY_TARGET is not read by bs-service"));
  }

  @Test
  void anEnvOfAnotherServiceFails() {
    assertThat(problems(mutated("training-deployment.yaml", "name: ISAC_TRAINING_GRPCPORT", "name: BS_API_KEY")))
        .anySatisfy(p -> assertThat(p).contains("env BS_API_KEY is not read by training-service"));
  }

  @Test
  void aDanglingConfigMapKeyFails() {
    assertThat(problems(mutated("configmap.yaml", "registry-target:", "registry-targets:")))
        .anySatisfy(p -> assertThat(p).contains("ConfigMap isac-config key registry-target"));
  }

  @Test
  void aServiceTargetingAMissingPortFails() {
    assertThat(problems(mutated("bs-service.yaml", "targetPort: grpc", "targetPort: grcp")))
        .anySatisfy(p -> assertThat(p).contains("Service bs-service: port 9090 targets grcp"));
  }

  @Test
  void aSelectorNotMatchingItsTemplateFails() {
    Map<String, String> files = mutated("device-statefulset.yaml",
        "  selector:\n    matchLabels:\n      app.kubernetes.io/name: device-service",
        "  selector:\n    matchLabels:\n      app.kubernetes.io/name: devices");
    assertThat(problems(files)).anySatisfy(p -> assertThat(p).contains("StatefulSet device: selector"));
  }

  @Test
  void aServiceSelectingNothingFails() {
    assertThat(problems(mutated("training-service.yaml", "  selector:\n    app.kubernetes.io/name: training-service",
        "  selector:\n    app.kubernetes.io/name: trainer")))
        .anySatisfy(p -> assertThat(p).contains("Service training-service: selector"));
  }

  @Test
  void aProbeOnAnUndeclaredPortFails() {
    assertThat(problems(mutated("training-deployment.yaml", "path: /actuator/health/readiness, port: http}",
        "path: /actuator/health/readiness, port: 8080}")))
        .anySatisfy(p -> assertThat(p).contains("readinessProbe port 8080 is not a container port"));
  }

  @Test
  void aContainerPortTheServiceDoesNotListenOnFails() {
    assertThat(problems(mutated("bs-deployment.yaml", "containerPort: 9090", "containerPort: 9091")))
        .anySatisfy(p -> assertThat(p).contains("differ from the ports bs-service listens on [8080, 9090]"));
  }

  @Test
  void anImageComposeDoesNotBuildFails() {
    assertThat(problems(mutated("bs-deployment.yaml", "image: isac/bs-service:0.1.0", "image: isac/bs:0.1.0")))
        .anySatisfy(p -> assertThat(p).contains("image isac/bs:0.1.0 is none of"));
  }

  @Test
  void devicesDialingAnotherServiceFail() {
    assertThat(problems(mutated("configmap.yaml", "bs-host: bs-service", "bs-host: training-service")))
        .anySatisfy(p -> assertThat(p).contains("training-service:9090 is not a port of a Service selecting bs-service"));
  }

  @Test
  void aFileMissingFromTheKustomizationFails() {
    Map<String, String> files = new LinkedHashMap<>(Repo.k8sFiles());
    files.put("extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
    assertThat(problems(files)).anySatisfy(p -> assertThat(p).contains("extra.yaml is in k8s/ but not listed"));
    files = mutated("kustomization.yaml", "  - configmap.yaml\n", "  - configmap.yaml\n  - secrets.yaml\n");
    assertThat(problems(files)).anySatisfy(p -> assertThat(p).contains("resource secrets.yaml does not exist"));
  }

  @Test
  void aMissingPersistentVolumeClaimFails() {
    assertThat(problems(mutated("training-deployment.yaml", "claimName: training-bundles", "claimName: bundles")))
        .anySatisfy(p -> assertThat(p).contains("claims bundles, which is not a PersistentVolumeClaim"));
  }

  @Test
  void missingResourceLimitsFail() {
    assertThat(problems(mutated("device-statefulset.yaml", "            limits: {cpu: \"1\", memory: 768Mi}\n", "")))
        .anySatisfy(p -> assertThat(p).contains("needs cpu and memory requests and limits"));
  }

  @Test
  void readinessProbesNeedTheProbeGroupsEnabled() {
    assertThat(problems(mutated("configmap.yaml", "health-probes-enabled: \"true\"", "health-probes-enabled: \"false\"")))
        .anySatisfy(p -> assertThat(p).contains("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED is not \"true\""));
  }
}
