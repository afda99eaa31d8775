package io.isacemu.bs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.registry.DeviceLinkServer;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceStatus;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.core.modality.Modality;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The packaged defaults (application.yml) with the real Netty DeviceLink server on a free port and
 * no model registry: the service starts, a device attaches over TCP, the API answers.
 */
@SpringBootTest(properties = {"isac.bs.grpc-port=0", "isac.bs.registry-target="})
@AutoConfigureMockMvc
class BsServiceApplicationTest {

  @Autowired DeviceLinkServer server;
  @Autowired DeviceRegistry registry;
  @Autowired BsProperties properties;
  @Autowired DatasetCatalog catalog;
  @Autowired MockMvc mvc;

  @Test
  void startsWithTheDefaultsAndAcceptsADeviceOverTcp() throws Exception {
    assertThat(properties.radio().totalBandwidthHz()).isEqualTo(20e6);
    assertThat(properties.reportPeriodMs()).isEqualTo(1000);
    assertThat(catalog.testIds()).hasSize(600);
    assertThat(server.port()).isPositive();

    ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
    try (FakeDevice d = new FakeDevice(channel, "tcp-1", Modality.TEXT,
        properties.dataset().load().test())) {
      assertThat(d.attach(d.register(catalog.fingerprint()).build()).getAccepted()).isTrue();
      assertThat(registry.device("tcp-1").orElseThrow().status()).isEqualTo(DeviceStatus.LIVE);
    } finally {
      channel.shutdownNow();
    }
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    mvc.perform(get("/api/summary")).andExpect(status().isOk());
  }
}
