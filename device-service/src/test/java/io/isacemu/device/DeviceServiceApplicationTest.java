package io.isacemu.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.isacemu.device.config.DeviceFleet;
import io.isacemu.device.link.DeviceAgent;
import io.isacemu.device.link.LinkState;
import io.isacemu.device.testing.FakeBs;
import io.isacemu.proto.ProcessingMode;
import io.isacemu.proto.Register;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service against a fake BS on a real local port (netty, 127.0.0.1). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class DeviceServiceApplicationTest {

  private static final FakeBs BS = new FakeBs();
  private static final Server SERVER = start();

  private static Server start() {
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(BS).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("isac.device.bs.host", () -> "127.0.0.1");
    registry.add("isac.device.bs.port", SERVER::getPort);
    registry.add("isac.device.dataset.train-size", () -> 60);
    registry.add("isac.device.dataset.valid-size", () -> 20);
    registry.add("isac.device.dataset.test-size", () -> 20);
  }

  @AfterAll
  static void stopBs() throws InterruptedException {
    SERVER.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Autowired DeviceFleet fleet;
  @Autowired TestRestTemplate http;
  @Autowired io.isacemu.data.MultimodalDataset dataset;

  @Test
  void actuatorInfoShowsTheDatasetFingerprintOverRealHttp() {
    var r = http.getForEntity("/actuator/info", com.fasterxml.jackson.databind.JsonNode.class);
    assertThat(r.getStatusCode().value()).isEqualTo(200);
    var d = r.getBody().path("dataset");
    assertThat(d.path("fingerprint").asText()).isEqualTo(dataset.fingerprint()).hasSize(64);
    assertThat(d.path("testSize").asInt()).isEqualTo(20);
    assertThat(d.path("name").asText()).isEqualTo(dataset.name());
  }

  @Test
  void defaultDevicesAttachReportServeAndShowInHealthAndMetrics() throws Exception {
    List<Register> registers = new ArrayList<>();
    List<FakeBs.Session> sessions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      FakeBs.Session s = BS.nextSession();
      sessions.add(s);
      registers.add(s.register());
    }
    assertThat(registers).extracting(Register::getDeviceId)
        .containsExactlyInAnyOrder("video-0", "audio-0", "text-0");
    assertThat(registers).allSatisfy(r -> {
      assertThat(r.getTxPowerDbm()).isEqualTo(23);
      assertThat(r.getCpuHz()).isEqualTo(1e9);
      assertThat(r.getSequenceLength()).isEqualTo(20);
    });
    assertThat(registers).filteredOn(r -> r.getDeviceId().equals("video-0"))
        .singleElement().satisfies(r -> {
          assertThat(r.getSensingRateBps()).isEqualTo(4e6);
          assertThat(r.getFeatureDim()).isEqualTo(35);
        });
    await().atMost(Duration.ofSeconds(10)).until(() ->
        fleet.agents().stream().allMatch(a -> a.state() == LinkState.ATTACHED));

    FakeBs.Session text = sessions.get(registers.indexOf(registers.stream()
        .filter(r -> r.getDeviceId().equals("text-0")).findFirst().orElseThrow()));
    assertThat(text.reports(2).get(1).getSequenceNumber()).isEqualTo(2);
    text.command(SenseCommand.newBuilder().setTaskId("t").setCommandId(1)
        .addSampleIds("syn-test-000003").setSensingTimeS(1).setBandwidthUnits(1)
        .setUnitBandwidthHz(180e3).setProcessingMode(ProcessingMode.PROCESSING_MODE_OFFLOAD)
        .setDeadlineS(100).setTimeScaleFactor(0.001).build());
    SenseResult result = text.result();
    assertThat(result.getStatus()).isEqualTo(SenseStatus.SENSE_STATUS_OK);
    assertThat(result.getBitsSent()).isEqualTo(100); // 100 bit/s x 1 s
    assertThat(result.getSamples(0).getRaw().getValuesCount()).isEqualTo(20 * 300);

    String health = http.getForObject("/actuator/health", String.class);
    assertThat(health).contains("\"deviceLink\"").contains("\"video-0\"")
        .contains("\"state\":\"attached\"");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      String prometheus = http.getForObject("/actuator/prometheus", String.class);
      assertThat(prometheus)
          .contains("device_reports_sent_total{")
          .contains("device_energy_used_joules{")
          .contains("device_bits_sent_bits_total{")
          .containsPattern("device_commands_total\\{.*device=\"text-0\".*status=\"ok\"");
    });
    assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode().value()).isEqualTo(404);
    assertThat(fleet.agents()).extracting(DeviceAgent::deviceId)
        .containsExactly("video-0", "audio-0", "text-0");
  }
}
