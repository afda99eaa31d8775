package io.isacemu.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.training.engine.FakeTrainingEngine;
import io.isacemu.training.engine.TrainingEngine;
import io.isacemu.support.GrpcServerLifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application: REST, job worker, bundle store, gRPC on a real port, actuator. */
@AutoConfigureObservability // metrics export (Prometheus) is off in tests by default
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingServiceApplicationTest {

  @TempDir static Path bundles;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("isac.training.grpc-port", () -> 0);
    r.add("isac.training.bundle-dir", () -> bundles.toString());
    r.add("isac.training.api-key", () -> KEY);
  }

  static final String KEY = "training-test-key";

  @TestConfiguration
  static class FakeEngine {
    @Bean
    @Primary
    TrainingEngine fakeEngine() {
      return new FakeTrainingEngine();
    }
  }

  @Autowired TestRestTemplate http;
  @Autowired GrpcServerLifecycle grpc;

  @Test
  @SuppressWarnings("unchecked")
  void trainsPublishesAndServesTheBundle() throws Exception {
    HttpHeaders key = new HttpHeaders();
    key.set("X-Api-Key", KEY);
    ResponseEntity<Map> posted = http.postForEntity("/api/jobs",
        new HttpEntity<>(Map.of("epochsStageOne", 1, "epochsStageTwo", 1, "lambdas", List.of(0.0, 0.5)), key), Map.class);
    assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(posted.getHeaders().getLocation()).isNotNull();
    String location = posted.getHeaders().getLocation().getPath();

    await().atMost(Duration.ofSeconds(20))
        .until(() -> "SUCCEEDED".equals(http.getForObject(location, Map.class).get("state")));
    Map<String, Object> job = http.getForObject(location, Map.class);
    String version = (String) job.get("bundleVersion");
    assertThat(version).isNotBlank();

    Map<String, Object> results = http.getForObject(location + "/results", Map.class);
    assertThat((List<Map<String, Object>>) results.get("rows"))
        .extracting(r -> r.get("name"))
        .containsExactly("V", "A", "T", "V+A+T", "dynamic fusion λ=0.0", "dynamic fusion λ=0.5");
    assertThat(http.getForObject(location + "/results?format=csv", String.class)).startsWith("name,lambda,");

    ResponseEntity<byte[]> zip = http.getForEntity("/api/bundles/" + version, byte[].class);
    assertThat(zip.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(zip.getBody()).startsWith((byte) 'P', (byte) 'K');

    ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", grpc.port()).usePlaintext().build();
    try {
      BundleInfo info = ModelRegistryGrpc.newBlockingStub(channel).getLatest(GetLatestRequest.getDefaultInstance());
      assertThat(info.getVersion()).isEqualTo(version);
      assertThat(info.getSizeBytes()).isEqualTo(zip.getBody().length);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    String prometheus = http.getForObject("/actuator/prometheus", String.class);
    assertThat(prometheus)
        .contains("training_jobs{application=\"training-service\",state=\"succeeded\"} 1.0")
        .contains("training_epoch_duration_seconds_count")
        .contains("training_loss_last{application=\"training-service\",split=\"valid\"}");
    assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForObject("/v3/api-docs", String.class)).contains("/api/jobs/{id}/results");
  }
}
