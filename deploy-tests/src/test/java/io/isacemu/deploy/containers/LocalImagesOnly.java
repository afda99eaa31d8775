package io.isacemu.deploy.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * The container tier's image pull policy (set in {@code testcontainers.properties}): an image is used
 * when the local engine has it, and is never pulled. No image registry is reachable where this tier
 * runs, so a pull could only retry for minutes and fail; instead a missing image fails at once with a
 * message that names it.
 *
 * <p>Testcontainers also runs helper images of its own (its tiny {@code alpine} image, e.g. to find the
 * host address when it believes it runs inside a container). This policy turns any such request into a
 * clear error too; the Failsafe configuration sets what keeps those helpers from being needed.
 */
public final class LocalImagesOnly implements ImagePullPolicy {

  @Override
  public boolean shouldPull(DockerImageName imageName) {
    String name = imageName.asCanonicalNameString();
    try {
      DockerClientFactory.lazyClient().inspectImageCmd(name).exec();
      return false;
    } catch (NotFoundException absent) {
      throw new IllegalStateException(refusal(name), absent);
    }
  }

  /** The message for an image the local engine lacks. */
  static String refusal(String image) {
    return "image " + image + " is not in the local Docker engine, and the container tier never pulls: no image "
        + "registry is reachable here. Every image it runs must be built from this repo's Dockerfiles (Images) "
        + "on the base image docker/ensure-docker.sh makes; a Testcontainers helper image means a setting in "
        + "deploy-tests/pom.xml (Failsafe environment) or testcontainers.properties is missing.";
  }
}
