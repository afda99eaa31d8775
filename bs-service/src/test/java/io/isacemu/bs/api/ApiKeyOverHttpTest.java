package io.isacemu.bs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.security.BypassAttempts;
import io.isacemu.security.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real bs-service on a real port, driven by a raw socket client: no spelling of {@code POST
 * /api/tasks} or {@code POST /api/experiments} runs anything without the key (the hand-written
 * filter let {@code /api;/tasks} and {@code /%61pi/tasks} through with 202).
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"isac.bs.grpc-port=0", "isac.bs.registry-target=", "isac.bs.api-key=" + ApiKeyOverHttpTest.KEY})
class ApiKeyOverHttpTest {

  static final String KEY = "bs-test-key-0123456789";
  private static final String TASK = "{\"count\":1,\"mode\":\"fixed:T\"}";

  @LocalServerPort int port;

  @Test
  void noSpellingOfAWriteRunsATaskOrAnExperimentWithoutTheKey() throws Exception {
    RawHttp http = new RawHttp(port);
    String before = http.send("GET", "/api/tasks", Map.of(), "").body();
    List<String> passed = new ArrayList<>();
    for (String path : List.of("/api/tasks", "/api/experiments")) {
      String body = path.endsWith("tasks") ? TASK : "{\"samples\":1,\"modes\":[\"fixed:T\"]}";
      for (BypassAttempts.Attempt a : BypassAttempts.at(path)) {
        RawHttp.Response r = http.send(a.method(), a.target(), a.headers(), body);
        if (r.status() < 400 || r.status() >= 500) {
          passed.add(a + " → " + r.status() + " " + r.body());
        }
      }
    }
    assertThat(passed).as("attempts not refused with a 4xx").isEmpty();
    assertThat(http.send("GET", "/api/tasks", Map.of(), "").body()).as("tasks after the attempts").isEqualTo(before);
  }

  @Test
  void theKeyOpensTheWriteAndReadsStayOpen() throws Exception {
    RawHttp http = new RawHttp(port);
    RawHttp.Response r = http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY), TASK);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(202);
    assertThat(http.send("GET", "/api/devices", Map.of(), "").status()).isEqualTo(200);
    assertThat(http.send("GET", "/actuator/health", Map.of(), "").status()).isEqualTo(200);
    assertThat(http.send("GET", "/actuator/prometheus", Map.of(), "").body()).contains("http_auth_refused_total");
  }
}
