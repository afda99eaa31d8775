package io.isacemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/make-secrets.sh, run for real: random tokens, one per device, the BS's copy equal to the
 * device's own, kept across runs; and the Kubernetes Secrets it prints parse and carry one key per pod.
 */
class MakeSecretsTest {

  @TempDir Path out;

  private static String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sh", Repo.root().resolve("docker/make-secrets.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("BS_API_KEY");
    pb.environment().putAll(env);
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  @Test
  void composeFilesHoldOneRandomTokenPerDeviceAndSurviveARerun() throws Exception {
    run(Map.of(), "files", out.toString(), "video-0", "audio-0");
    String video = Files.readString(out.resolve("video-0/video-0"));
    String audio = Files.readString(out.resolve("audio-0/audio-0"));
    String key = Files.readString(out.resolve("control/api-key"));
    assertThat(video).matches("[0-9a-f]{48}").isNotEqualTo(audio).isNotEqualTo(key);
    assertThat(Files.readString(out.resolve("bs/device-tokens/video-0"))).isEqualTo(video);
    assertThat(Files.readString(out.resolve("bs/shared-token"))).matches("[0-9a-f]{48}")
        .isEqualTo(Files.readString(out.resolve("extra/shared-token")));
    assertThat(out.resolve("video-0/audio-0")).as("a device's volume holds its own token only").doesNotExist();
    assertThat(out.resolve(".ready")).exists();

    run(Map.of("BS_API_KEY", "ignored-once-made"), "files", out.toString(), "video-0", "audio-0");
    assertThat(Files.readString(out.resolve("video-0/video-0"))).isEqualTo(video);
    assertThat(Files.readString(out.resolve("control/api-key"))).isEqualTo(key);
  }

  @Test
  void aChosenApiKeyIsUsedOnTheFirstRun() throws Exception {
    run(Map.of("BS_API_KEY", "lab-key-42"), "files", out.toString(), "text-0");
    assertThat(Files.readString(out.resolve("control/api-key"))).isEqualTo("lab-key-42");
  }

  @Test
  void kubernetesSecretsCarryTheApiKeyAndOneTokenPerPod() throws Exception {
    String yaml = run(Map.of(), "k8s", "4");
    KubernetesSerialization k8s = new KubernetesSerialization();
    List<Secret> secrets = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---$")) {
      HasMetadata r = k8s.unmarshal(doc);
      assertThat(r).isInstanceOf(Secret.class);
      secrets.add((Secret) r);
    }
    assertThat(secrets).extracting(s -> s.getMetadata().getName()).containsExactly("isac-secrets", "isac-device-tokens");
    assertThat(secrets).allSatisfy(s -> assertThat(s.getMetadata().getNamespace()).isEqualTo("isac"));
    assertThat(secrets.get(0).getStringData().get("api-key")).matches("[0-9a-f]{48}");
    Map<String, String> tokens = secrets.get(1).getStringData();
    assertThat(tokens).containsOnlyKeys("device-0", "device-1", "device-2", "device-3");
    Set<String> distinct = new HashSet<>(tokens.values());
    assertThat(distinct).hasSize(4).allSatisfy(t -> assertThat(t).matches("[0-9a-f]{48}"));
  }
}
