package io.isacemu.bs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.security.BypassAttempts;
import io.isacemu.security.RawHttp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard over real HTTP: the page, its assets and the stream are open without a key, the
 * stream sends snapshots, refuses past its subscriber cap, and no write reaches a task through the
 * new paths.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"isac.bs.grpc-port=0", "isac.bs.registry-target=", "isac.bs.api-key=" + DashboardHttpTest.KEY,
        "isac.bs.dashboard.max-subscribers=2", "isac.bs.dashboard.period-ms=200"})
class DashboardHttpTest {

  static final String KEY = "bs-test-key-0123456789";
  private static final String TASK = "{\"count\":1,\"mode\":\"fixed:T\"}";

  @LocalServerPort int port;

  @Test
  void thePageAndItsAssetsAreOpenWithoutAKey() throws Exception {
    RawHttp http = new RawHttp(port);
    RawHttp.Response page = http.send("GET", "/", Map.of(), "");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("dashboard.js").doesNotContain("https://");
    assertThat(http.send("GET", "/dashboard.js", Map.of(), "").body()).contains("EventSource");
    assertThat(http.send("GET", "/dashboard.css", Map.of(), "").status()).isEqualTo(200);
    assertThat(http.send("GET", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", Map.of(), "").status())
        .isEqualTo(200);
  }

  @Test
  void theStreamSendsSnapshotsWithoutAKeyAndRefusesPastItsCap() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
        .header("Accept", "text/event-stream").build();
    HttpResponse<java.io.InputStream> first = client.send(get, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<java.io.InputStream> second = client.send(get, HttpResponse.BodyHandlers.ofInputStream());
    try {
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/event-stream"));
      BufferedReader in = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("data:")) {
        lines.add(line);
      }
      assertThat(lines).contains("event:snapshot");
      assertThat(line).startsWith("data:{").contains("\"devices\"").contains("\"spectrum\"").contains("\"freeUnits\"");

      assertThat(second.statusCode()).isEqualTo(200);
      HttpResponse<String> third = client.send(get, HttpResponse.BodyHandlers.ofString());
      assertThat(third.statusCode()).as("past max-subscribers=2").isEqualTo(429);
    } finally {
      first.body().close();
      second.body().close();
    }
  }

  @Test
  void noWriteThroughTheStreamPathRunsATaskWithoutTheKey() throws Exception {
    RawHttp http = new RawHttp(port);
    String before = http.send("GET", "/api/tasks", Map.of(), "").body();
    List<String> passed = new ArrayList<>();
    List<BypassAttempts.Attempt> attempts = new ArrayList<>(BypassAttempts.at("/api/stream"));
    attempts.addAll(BypassAttempts.at("/api/stream/../tasks"));
    attempts.addAll(BypassAttempts.at("/api/stream/%2e%2e/tasks"));
    attempts.addAll(BypassAttempts.at("/index.html/../api/tasks"));
    for (BypassAttempts.Attempt a : attempts) {
      RawHttp.Response r = http.send(a.method(), a.target(), a.headers(), TASK);
      if (r.status() < 400 || r.status() >= 500) {
        passed.add(a + " → " + r.status() + " " + r.body());
      }
    }
    assertThat(passed).as("attempts not refused with a 4xx").isEmpty();
    assertThat(http.send("GET", "/api/tasks", Map.of(), "").body()).as("tasks after the attempts").isEqualTo(before);
  }
}
