package io.isacemu.bs.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.security.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** {@code GET/PUT /api/cell} on the real bs-service and a real port: the key, the validation, the swap. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"isac.bs.grpc-port=0", "isac.bs.registry-target=", "isac.bs.api-key=" + CellOverHttpTest.KEY})
@DirtiesContext
class CellOverHttpTest {

  static final String KEY = "bs-cell-key-0123456789";
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @LocalServerPort int port;

  private static Map<String, String> withKey(String key) {
    return Map.of("Content-Type", "application/json", "X-Api-Key", key);
  }

  private JsonNode cell(RawHttp http) throws Exception {
    RawHttp.Response r = http.send("GET", "/api/cell", Map.of(), "");
    assertThat(r.status()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }

  @Test
  void aChangeNeedsTheKey() throws Exception {
    RawHttp http = new RawHttp(port);
    double before = cell(http).path("bandwidthHz").asDouble();
    for (Map<String, String> headers : java.util.List.of(JSON, withKey("wrong-key"))) {
      RawHttp.Response r = http.send("PUT", "/api/cell", headers, "{\"bandwidthHz\":5e6}");
      assertThat(r.status()).as("%s", r.body()).isIn(401, 403);
    }
    assertThat(cell(http).path("bandwidthHz").asDouble()).isEqualTo(before);
  }

  @Test
  void theBandChangesAndEveryReaderSeesIt() throws Exception {
    RawHttp http = new RawHttp(port);
    RawHttp.Response r = http.send("PUT", "/api/cell", withKey(KEY), "{\"bandwidthHz\":1.4e6}");
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(r.body()).path("units").asInt()).isEqualTo(7); // ⌊1.4 MHz / 180 kHz⌋
    assertThat(cell(http).path("bandwidthHz").asDouble()).isEqualTo(1.4e6);
    JsonNode allocation = MAPPER.readTree(http.send("GET", "/api/allocation", Map.of(), "").body());
    assertThat(allocation.path("totalUnits").asInt()).isEqualTo(7);
    assertThat(allocation.path("freeUnits").asInt()).isEqualTo(7);
    http.send("PUT", "/api/cell", withKey(KEY), "{\"bandwidthHz\":20e6}");
    assertThat(cell(http).path("units").asInt()).isEqualTo(111);
  }

  @Test
  void aBadValueIsRefusedNamingTheFieldAndTheValue() throws Exception {
    RawHttp http = new RawHttp(port);
    JsonNode before = cell(http);
    RawHttp.Response tooSmall = http.send("PUT", "/api/cell", withKey(KEY), "{\"bandwidthHz\":1000}");
    assertThat(tooSmall.status()).isEqualTo(400);
    assertThat(tooSmall.body()).contains("bandwidthHz").contains("1000");
    RawHttp.Response unit = http.send("PUT", "/api/cell", withKey(KEY), "{\"unitBandwidthHz\":-360000}");
    assertThat(unit.status()).isEqualTo(400);
    assertThat(unit.body()).contains("unitBandwidthHz").contains("-360000");
    RawHttp.Response antennas = http.send("PUT", "/api/cell", withKey(KEY), "{\"bsAntennas\":0}");
    assertThat(antennas.status()).isEqualTo(400);
    assertThat(antennas.body()).contains("bsAntennas").contains("0");
    RawHttp.Response noise = http.send("PUT", "/api/cell", withKey(KEY), "{\"noiseFigureDb\":31}");
    assertThat(noise.status()).isEqualTo(400);
    assertThat(noise.body()).contains("noiseFigureDb").contains("31");
    RawHttp.Response notJson = http.send("PUT", "/api/cell", withKey(KEY), "{\"bandwidthHz\":\"wide\"}");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(cell(http)).isEqualTo(before);
  }

  @Test
  void theUnitTheNoiseFigureAndTheAntennasChangeAtRunTime() throws Exception {
    RawHttp http = new RawHttp(port);
    JsonNode before = cell(http);
    RawHttp.Response r = http.send("PUT", "/api/cell", withKey(KEY),
        "{\"bandwidthHz\":20e6,\"unitBandwidthHz\":360000,\"noiseFigureDb\":5,\"bsAntennas\":8}");
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    JsonNode now = cell(http);
    assertThat(now.path("unitBandwidthHz").asDouble()).isEqualTo(360000);
    assertThat(now.path("units").asInt()).isEqualTo(55); // ⌊20 MHz / 360 kHz⌋
    assertThat(now.path("noiseFigureDb").asDouble()).isEqualTo(5);
    assertThat(now.path("bsAntennas").asInt()).isEqualTo(8);
    JsonNode allocation = MAPPER.readTree(http.send("GET", "/api/allocation", Map.of(), "").body());
    assertThat(allocation.path("unitBandwidthHz").asDouble()).isEqualTo(360000);
    http.send("PUT", "/api/cell", withKey(KEY), MAPPER.writeValueAsString(((com.fasterxml.jackson.databind.node.ObjectNode) before.deepCopy()).without("units")));
    assertThat(cell(http)).isEqualTo(before);
  }
}
