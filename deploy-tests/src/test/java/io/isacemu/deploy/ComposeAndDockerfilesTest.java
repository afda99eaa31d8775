package io.isacemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** docker-compose.yml and the Dockerfiles against each other and the services' configuration. */
class ComposeAndDockerfilesTest {

  private static final ServiceFacts FACTS = Repo.facts();
  private static final String COMPOSE = Repo.read("docker-compose.yml");
  static final java.util.List<String> SERVICES = Repo.SERVICES;

  private static String composeWith(String from, String to) {
    assertThat(COMPOSE).contains(from);
    return COMPOSE.replace(from, to);
  }

  @Test
  void composeIsConsistent() {
    assertThat(ComposeChecks.composeProblems(COMPOSE, Repo.dockerfiles(), FACTS)).isEmpty();
  }

  @Test
  void everyServiceHasADockerfile() {
    assertThat(Repo.dockerfiles()).containsOnlyKeys(SERVICES);
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void dockerfileIsComplete(String service) {
    assertThat(ComposeChecks.dockerfileProblems(service, Repo.dockerfiles().get(service), FACTS)).isEmpty();
  }

  @Test
  void aMisspeltComposeEnvFails() {
    assertThat(ComposeChecks.composeProblems(composeWith("DEVICE_ID: audio-0", "DEVICE_IDS: audio-0"),
        Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("device-audio: env DEVICE_IDS is not read by device-service"));
  }

  @Test
  void aComposeImageNameThatIsNotOursFails() {
    assertThat(ComposeChecks.composeProblems(composeWith("image: isac/bs-service:0.1.0", "image: isac/bs-service:latest"),
        Repo.dockerfiles(), FACTS)).anySatisfy(p -> assertThat(p).contains("bs-service: image 'isac/bs-service:latest'"));
  }

  @Test
  void anUnpublishedBsPortFails() {
    assertThat(ComposeChecks.composeProblems(composeWith("\"8080:8080\"", "\"18080:8080\""), Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("port 8080 is not published on the host"));
  }

  @Test
  void devicesDialingTheWrongHostFail() {
    String text = COMPOSE.replaceFirst("BS_HOST: bs-service", "BS_HOST: bs");
    assertThat(ComposeChecks.composeProblems(text, Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("dials bs:9090, not a bs-service compose service"));
  }

  @Test
  void aDemoJobAddressingTheWrongBsFails() {
    String text = COMPOSE.replace("\"--bs-url\", \"http://bs-service:8080\"", "\"--bs-url\", \"http://bs-service:9090\"");
    assertThat(text).isNotEqualTo(COMPOSE);
    assertThat(ComposeChecks.composeProblems(text, Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("demo: command must pass --bs-url http://bs-service:8080"));
  }

  @Test
  void aDeviceWithoutItsTokenVolumeOrWithAnotherDevicesFails() {
    String unlisted = COMPOSE.replace("\"video-0\", \"audio-0\", \"text-0\"]", "\"audio-0\", \"text-0\"]");
    assertThat(unlisted).isNotEqualTo(COMPOSE);
    assertThat(ComposeChecks.composeProblems(unlisted, Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("device-video: DEVICE_ID 'video-0' reads its token from DEVICE_TOKENS_DIR"));
    String swapped = COMPOSE.replace("- token-video-0:/run/isac/device-tokens:ro", "- token-audio-0:/run/isac/device-tokens:ro");
    assertThat(swapped).isNotEqualTo(COMPOSE);
    assertThat(ComposeChecks.composeProblems(swapped, Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("device-video: DEVICE_TOKENS_DIR /run/isac/device-tokens is volume "
            + "'token-audio-0', which the secrets service does not fill for video-0"));
  }

  @Test
  void aKeyFileOutsideTheSecretsVolumesOrAGuessableKeyFails() {
    String elsewhere = COMPOSE.replace("TRAINING_API_KEY_FILE: /run/isac/control/api-key",
        "TRAINING_API_KEY_FILE: /data/bundles/api-key");
    assertThat(elsewhere).isNotEqualTo(COMPOSE);
    assertThat(ComposeChecks.composeProblems(elsewhere, Repo.dockerfiles(), FACTS))
        .anySatisfy(p -> assertThat(p).contains("training-service: TRAINING_API_KEY_FILE /data/bundles/api-key is in no "
            + "volume the secrets service writes"))
        .anySatisfy(p -> assertThat(p).contains("differs from training-service's TRAINING_API_KEY_FILE"));
    assertThat(COMPOSE).doesNotContain("change-me");
  }

  @Test
  void aMissingDockerfileFails() {
    Map<String, String> dockerfiles = new LinkedHashMap<>(Repo.dockerfiles());
    dockerfiles.remove("device-service");
    assertThat(ComposeChecks.composeProblems(COMPOSE, dockerfiles, FACTS))
        .anySatisfy(p -> assertThat(p).contains("device-service/Dockerfile does not exist"));
  }

  @Test
  void dockerfileDefectsAreReported() {
    String good = Repo.dockerfiles().get("bs-service");
    assertThat(ComposeChecks.dockerfileProblems("bs-service", good.replace("USER 10001:10001", "USER root"), FACTS))
        .anySatisfy(p -> assertThat(p).contains("final USER must be non-root"));
    assertThat(ComposeChecks.dockerfileProblems("bs-service", good.replace("EXPOSE 8080 9090", "EXPOSE 8080"), FACTS))
        .anySatisfy(p -> assertThat(p).contains("EXPOSE [8080] differs"));
    assertThat(ComposeChecks.dockerfileProblems("bs-service", good.replace("ARG BASE_IMAGE=", "ARG BASE="), FACTS))
        .anySatisfy(p -> assertThat(p).contains("no ARG BASE_IMAGE"));
    assertThat(ComposeChecks.dockerfileProblems("bs-service", good.replaceAll("(?m)^HEALTHCHECK.*$", ""), FACTS))
        .anySatisfy(p -> assertThat(p).contains("HEALTHCHECK"));
  }
}
