package io.isacemu.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.data.DatasetSettings;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.pickle.MultiBenchPickleWriter;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.http.JsonHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Your own data under compose, as the README tells a user to run it: {@code DATASET_PATH=file
 * docker-compose -f docker-compose.yml -f docker-compose.dataset.yml up}. The file (a MultiBench
 * pickle of another seed and size than the embedded default) is mounted read-only into the training
 * service, the BS and the three devices; the demo must train on it and finish, and the BS must serve
 * exactly that file's fingerprint and test ids (a device that had loaded other data would have been
 * refused at Register, and the demo would not finish).
 */
class ComposeDatasetIT {

  private static final String PROJECT = "isacdataset";
  private static final int SAMPLES = 4;

  @Test
  void theOverrideRunsTheDemoOnTheMountedPickle() throws Exception {
    Images.requireDocker();
    String compose = ComposeCli.binary();
    Path root = Images.root();
    for (String image : Images.DOCKERFILES.keySet()) {
      Images.image(image);
    }
    Path dir = root.resolve("deploy-tests/target/compose-dataset");
    Files.createDirectories(dir);
    Path file = dir.resolve("own-data.pkl");
    MultimodalDataset data = SyntheticDataset.generate(SyntheticConfig.defaults().withSeed(23).withSizes(120, 40, 30));
    MultiBenchPickleWriter.write(data, file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--")); // the containers' user reads it
    String fingerprint = new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null,
        file.toString(), "multibench", false, null, null, null, null).loadSummary().fingerprint();

    Map<String, String> env = Map.of(
        "BASE_IMAGE", Images.baseImage(),
        "DATASET_PATH", file.toAbsolutePath().toString(),
        "DATASET_FORMAT", "multibench",
        "DEMO_SAMPLES", Integer.toString(SAMPLES),
        "DEMO_EPOCHS", "1",
        "BS_API_KEY", "dataset-api-key",
        "BS_DEVICE_TOKEN", "dataset-device-token");
    List<String> files = List.of("-p", PROJECT, "-f", "docker-compose.yml", "-f", "docker-compose.dataset.yml");
    Path log = ContainerLogs.DIR.resolve("compose-dataset.log");
    Files.createDirectories(ContainerLogs.DIR);
    try {
      ComposeCli.run(root, env, log, Duration.ofMinutes(5), args(compose, files, "up", "-d", "--no-build"));
      String demo = ComposeCli.run(root, env, log, Duration.ofMinutes(1), args(compose, files, "ps", "-q", "demo")).trim();
      assertThat(demo).as("demo container id").isNotBlank();
      String exit = ComposeCli.run(root, env, log, Duration.ofMinutes(20), "docker", "wait", demo).trim();
      String demoLog = ComposeCli.run(root, env, log, Duration.ofMinutes(1), "docker", "logs", demo);
      assertThat(exit).as("demo exit code; its log:\n%s", demoLog).isEqualTo("0");
      assertThat(demoLog).contains("dataset.pkl").contains(fingerprint.substring(0, 12)).contains("Table I (extended)");

      JsonHttpClient rest =
          new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(2)).withApiKey("dataset-api-key");
      JsonNode served = rest.get("http://localhost:8080/api/dataset").body();
      assertThat(served.path("source").asText()).isEqualTo("pickle");
      assertThat(served.path("fingerprint").asText()).isEqualTo(fingerprint);
      assertThat(served.path("testSize").asInt()).isEqualTo(30);
      JsonNode ids = rest.get("http://localhost:8080/api/dataset/test-ids?limit=3").body();
      assertThat(ids.get(0).asText()).isEqualTo(data.test().id(0));
      assertThat(ids.get(2).asText()).isEqualTo(data.test().id(2));
    } finally {
      try {
        ComposeCli.run(root, env, log, Duration.ofMinutes(2), args(compose, files, "logs", "--no-color"));
      } finally {
        ComposeCli.run(root, env, log, Duration.ofMinutes(3), args(compose, files, "down", "-v"));
      }
    }
  }

  private static String[] args(String compose, List<String> files, String... rest) {
    List<String> a = new ArrayList<>();
    a.add(compose);
    a.addAll(files);
    a.addAll(List.of(rest));
    return a.toArray(String[]::new);
  }
}
