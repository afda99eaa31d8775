package io.isacemu.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

/**
 * The tier's settings that keep every image pull out of a run on a machine with no registry: the pull
 * policy from the repo's {@code testcontainers.properties}, and the host override that keeps
 * Testcontainers from running its alpine helper to find the host (the clean-machine failure).
 */
class NoImagePullIT {

  @BeforeAll
  static void engine() {
    Images.requireDocker();
  }

  @Test
  void theRepositorysPullPolicyIsInForce() {
    assertThat(PullPolicy.defaultPolicy()).isInstanceOf(LocalImagesOnly.class);
  }

  @Test
  void aMissingImageFailsAtOnceNamingTheImageInsteadOfBeingPulled() {
    String missing = "isac/never-built-anywhere:0.0.0";
    assertThatThrownBy(() -> new RemoteDockerImage(DockerImageName.parse(missing)).get())
        .hasStackTraceContaining(missing)
        .hasStackTraceContaining("no image registry is reachable");
  }

  @Test
  void theHostIsResolvedWithoutAHelperContainer() {
    // resolving it without the override would run alpine:3.17 here (the machine has /.dockerenv)
    assertThat(DockerClientFactory.instance().dockerHostIpAddress()).isEqualTo("localhost");
  }

  @Test
  void aBaseImageTheEngineLacksIsNamedBeforeAnyBuild() {
    assertThatThrownBy(() -> Images.requireLocalBase("isac/no-such-base:0"))
        .hasMessageContaining("BASE_IMAGE: image isac/no-such-base:0 is not in the local Docker engine");
    assertThat(Images.requireLocalBase(Images.baseImage())).isEqualTo(Images.baseImage());
  }
}
