package io.isacemu.device.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.isacemu.device.testing.FakeBs;
import io.isacemu.proto.ProcessingMode;
import io.isacemu.proto.Register;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The fleet API over real HTTP (the embedded server, java.net.http) with the devices on a real gRPC BS fake. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FleetApiTest {

  private static final String KEY = "fleet-test-key";
  private static final String SHARED = "shared-device-token";
  private static final FakeBs BS = new FakeBs();
  private static final Server SERVER = start();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Server start() {
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(BS).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("isac.device.bs.host", () -> "127.0.0.1");
    registry.add("isac.device.bs.port", SERVER::getPort);
    registry.add("isac.device.api-key", () -> KEY);
    registry.add("isac.device.shared-auth-token", () -> SHARED);
    registry.add("isac.device.dataset.train-size", () -> 60);
    registry.add("isac.device.dataset.valid-size", () -> 20);
    registry.add("isac.device.dataset.test-size", () -> 20);
  }

  @AfterAll
  static void stopBs() throws InterruptedException {
    SERVER.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @LocalServerPort int port;

  private record Reply(int status, JsonNode body) {}

  private Reply call(String method, String path, String body, boolean withKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (withKey) {
      b.header("X-Api-Key", KEY);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
  }

  private static final String AUDIO_9 = "{\"id\":\"audio-9\",\"modality\":\"audio\",\"sensingRateBps\":128000,"
      + "\"distanceM\":120,\"txPowerDbm\":20,\"kappa\":2e-28,"
      + "\"mobility\":{\"type\":\"random-waypoint\",\"minSpeedMps\":2,\"maxSpeedMps\":3}}";

  /** The next session whose Register names {@code id} (others, e.g. the default devices', are skipped). */
  private static FakeBs.Session sessionOf(String id) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      FakeBs.Session s = BS.nextSession();
      if (s.register().getDeviceId().equals(id)) {
        return s;
      }
      seen.add(s.register().getDeviceId());
    }
    throw new AssertionError("no session of " + id + "; saw " + seen);
  }

  @Test
  void writesWithoutTheKeyAre401() throws Exception {
    assertThat(call("POST", "/api/devices", AUDIO_9, false).status()).isEqualTo(401);
    assertThat(call("PUT", "/api/devices/video-0", AUDIO_9, false).status()).isEqualTo(401);
    assertThat(call("DELETE", "/api/devices/video-0", null, false).status()).isEqualTo(401);
    assertThat(call("PUT", "/api/radio", "{\"noiseFigureDb\":5}", false).status()).isEqualTo(401);
    assertThat(call("GET", "/api/devices", null, false).status()).isEqualTo(200); // reads open
  }

  @Test
  void badBodiesAre400NamingTheFieldAndValue() throws Exception {
    Reply power = call("POST", "/api/devices", AUDIO_9.replace("\"txPowerDbm\":20", "\"txPowerDbm\":-90"), true);
    assertThat(power.status()).isEqualTo(400);
    assertThat(power.body().path("detail").asText()).contains("txPowerDbm").contains("-90");
    Reply unknown = call("POST", "/api/devices", AUDIO_9.replace("\"kappa\"", "\"kapa\""), true);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("detail").asText()).contains("kapa").contains("unknown field");
    Reply kappa = call("POST", "/api/devices", AUDIO_9.replace("2e-28", "0.5"), true);
    assertThat(kappa.status()).isEqualTo(400);
    assertThat(kappa.body().path("detail").asText()).contains("kappa").contains("0.5");
    Reply speed = call("POST", "/api/devices", AUDIO_9.replace("\"minSpeedMps\":2", "\"minSpeedMps\":5"), true);
    assertThat(speed.status()).isEqualTo(400);
    assertThat(speed.body().path("detail").asText()).contains("mobility.minSpeedMps").contains("5.0");
    Reply id = call("POST", "/api/devices", AUDIO_9.replace("audio-9", "no/slash"), true);
    assertThat(id.status()).isEqualTo(400);
    assertThat(id.body().path("detail").asText()).startsWith("id:").contains("no/slash");
    Reply both = call("POST", "/api/devices", AUDIO_9.replace("\"distanceM\":120", "\"distanceM\":120,\"xM\":3"), true);
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.body().path("detail").asText()).contains("distanceM");
    Reply radio = call("PUT", "/api/radio", "{\"bsAntennas\":0}", true);
    assertThat(radio.status()).isEqualTo(400);
    assertThat(radio.body().path("detail").asText()).contains("bsAntennas").contains("0");
  }

  @Test
  void unknownIdsAre404AndTakenIds409() throws Exception {
    assertThat(call("PUT", "/api/devices/nope-1", AUDIO_9.replace("audio-9", "nope-1"), true).status()).isEqualTo(404);
    assertThat(call("DELETE", "/api/devices/nope-1", null, true).status()).isEqualTo(404);
    assertThat(call("GET", "/api/devices/nope-1", null, false).status()).isEqualTo(404);
    assertThat(call("POST", "/api/devices", AUDIO_9.replace("audio-9", "video-0"), true).status()).isEqualTo(409);
  }

  @Test
  void anAddedDeviceRegistersWithTheSharedTokenServesIsRetunedAndRemoved() throws Exception {
    Reply added = call("POST", "/api/devices", AUDIO_9, true);
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().path("kappa").asDouble()).isEqualTo(2e-28);
    assertThat(added.body().path("distanceM").asDouble()).isEqualTo(120);
    assertThat(added.body().path("mobility").path("maxSpeedMps").asDouble()).isEqualTo(3);
    assertThat(added.body().path("index").asInt()).isEqualTo(3); // after the three configured devices

    FakeBs.Session s = sessionOf("audio-9");
    Register r = s.register();
    assertThat(r.getAuthToken()).isEqualTo(SHARED);
    assertThat(r.getTxPowerDbm()).isEqualTo(20);
    assertThat(Math.hypot(r.getPosition().getXM(), r.getPosition().getYM())).isBetween(0.0, 200.0);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        call("GET", "/api/devices/audio-9", null, false).body().path("link").asText().equals("ATTACHED"));

    // a long command keeps it busy: no change while it is in flight
    s.command(SenseCommand.newBuilder().setTaskId("t").setCommandId(1).addSampleIds("syn-test-000003")
        .setSensingTimeS(2).setBandwidthUnits(1).setUnitBandwidthHz(180e3)
        .setProcessingMode(ProcessingMode.PROCESSING_MODE_OFFLOAD).setDeadlineS(100).setTimeScaleFactor(1).build());
    await().atMost(Duration.ofSeconds(5)).until(() ->
        call("GET", "/api/devices/audio-9", null, false).body().path("busy").asBoolean());
    Reply busy = call("PUT", "/api/devices/audio-9", AUDIO_9.replace("\"txPowerDbm\":20", "\"txPowerDbm\":10"), true);
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.body().path("detail").asText()).contains("audio-9").contains("in flight");
    SenseResult result = s.result();
    assertThat(result.getStatus()).isEqualTo(SenseStatus.SENSE_STATUS_OK);
    assertThat(result.getBitsSent()).isEqualTo(256_000); // 128 kbit/s x 2 s

    await().atMost(Duration.ofSeconds(5)).until(() ->
        !call("GET", "/api/devices/audio-9", null, false).body().path("busy").asBoolean());
    Reply retuned = call("PUT", "/api/devices/audio-9", AUDIO_9.replace("\"txPowerDbm\":20", "\"txPowerDbm\":10"), true);
    assertThat(retuned.status()).isEqualTo(200);
    assertThat(retuned.body().path("txPowerDbm").asDouble()).isEqualTo(10);
    assertThat(retuned.body().path("index").asInt()).isEqualTo(3); // same seeded stream
    await().atMost(Duration.ofSeconds(5)).until(s::ended); // the old session was half-closed
    assertThat(sessionOf("audio-9").register().getTxPowerDbm()).isEqualTo(10); // re-registered with the new spec

    assertThat(call("DELETE", "/api/devices/audio-9", null, true).status()).isEqualTo(204);
    JsonNode list = call("GET", "/api/devices", null, false).body();
    List<String> ids = new ArrayList<>();
    list.forEach(d -> ids.add(d.path("id").asText()));
    assertThat(ids).contains("video-0", "audio-0", "text-0").doesNotContain("audio-9");
  }

  @Test
  void aRadioRetuneReRegistersEveryDeviceWithTheNewSettings() throws Exception {
    Reply before = call("GET", "/api/radio", null, false);
    assertThat(before.body().path("noiseFigureDb").asDouble()).isEqualTo(9);
    Reply r = call("PUT", "/api/radio", "{\"noiseFigureDb\":5,\"bsAntennas\":8}", true);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    assertThat(r.body().path("noiseFigureDb").asDouble()).isEqualTo(5);
    assertThat(r.body().path("unitBandwidthHz").asDouble()).isEqualTo(180e3); // absent: kept
    Register text = sessionOf("text-0").register();
    assertThat(text.getRadio().getNoiseFigureDb()).isEqualTo(5);
    assertThat(text.getRadio().getBsAntennas()).isEqualTo(8);
    assertThat(call("PUT", "/api/radio", "{\"noiseFigureDb\":9,\"bsAntennas\":4}", true).status()).isEqualTo(200);
  }
}
