package io.isacemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The configuration facts the other tests check against, read from the services' own files. */
class ServiceFactsTest {

  private static final ServiceFacts FACTS = Repo.facts();

  @Test
  void portsComeFromApplicationYml() {
    assertThat(FACTS.ports("training-service")).containsExactly(8082, 9091);
    assertThat(FACTS.ports("bs-service")).containsExactly(8080, 9090);
    assertThat(FACTS.ports("device-service")).containsExactly(8081);
  }

  @Test
  void knownEnvHasPlaceholdersAndRelaxedNames() {
    assertThat(FACTS.knownEnv("bs-service"))
        .contains("BS_API_KEY", "BS_DEVICE_TOKEN", "ISAC_BS_REGISTRYTARGET", "ISAC_BS_GRPCPORT", "JAVA_OPTS")
        .doesNotContain("ISAC_BS_REGISTRY_TARGET", "DEVICE_MODALITY", "BS_HOST");
    assertThat(FACTS.knownEnv("device-service"))
        .contains("BS_HOST", "BS_PORT", "DEVICE_AUTH_TOKEN", "ISAC_DEVICE_DEVICES_0_MODALITY",
            "ISAC_DEVICE_DEVICES_0_MOBILITY_TYPE", "DEVICE_MODALITY", "POD_NAME")
        .doesNotContain("HOSTNAME", "BS_API_KEY");
  }

  /** The single-device entrypoint may only export names Spring binds for device-service. */
  @Test
  void entrypointExportsAreDeviceServiceNames() {
    assertThat(FACTS.entrypointExports()).contains("ISAC_DEVICE_DEVICES_0_ID", "ISAC_DEVICE_DEVICES_0_AUTHTOKEN");
    assertThat(FACTS.knownEnv("device-service")).containsAll(FACTS.entrypointExports());
  }
}
