package io.isacemu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback (the JDK's), which records what it received. */
class JsonHttpClientTest {

  /** One request as the server saw it. */
  record Seen(String method, String path, Optional<String> apiKey, Optional<String> contentType, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  private HttpServer server;
  private String base;
  private final JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(1));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/json", ex -> answer(ex, 200, "application/json", "{\"id\":\"t-1\",\"n\":[1,2]}"));
    server.createContext("/echo", ex -> reply(ex, 202, "application/json", record(ex).body()));
    server.createContext("/text", ex -> answer(ex, 200, "text/plain", "# HELP bs_tasks_total tasks\nbs_tasks_total 3\n"));
    server.createContext("/missing", ex -> answer(ex, 404, "application/json", "{\"detail\":\"no such task\"}"));
    server.createContext("/empty", ex -> answer(ex, 204, null, ""));
    server.createContext("/slow", ex -> {
      sleep(1500);
      answer(ex, 200, "application/json", "{}");
    });
    // 503 twice, then 200 with a state that is not yet the awaited one, then DONE
    server.createContext("/poll", ex -> {
      int n = polls.incrementAndGet();
      answer(ex, n <= 2 ? 503 : 200, "application/json", n <= 3 ? "{\"state\":\"RUNNING\"}" : "{\"state\":\"DONE\"}");
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange ex, int status, String type, String body) throws IOException {
    record(ex);
    reply(ex, status, type, body);
  }

  private Seen record(HttpExchange ex) throws IOException {
    byte[] in = ex.getRequestBody().readAllBytes();
    Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
        Optional.ofNullable(ex.getRequestHeaders().getFirst(JsonHttpClient.API_KEY_HEADER)),
        Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")), new String(in, StandardCharsets.UTF_8));
    seen.add(s);
    return s;
  }

  private void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    if (type != null) {
      ex.getResponseHeaders().add("Content-Type", type);
    }
    ex.getResponseHeaders().add("X-Request-Id", "r-" + seen.size());
    ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    try (var os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void getReturnsStatusParsedBodyRawTextAndHeaders() {
    JsonResponse r = http.get(base + "/json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.uri().toString()).isEqualTo(base + "/json");
    assertThat(r.isJson()).isTrue();
    assertThat(r.body().path("id").asText()).isEqualTo("t-1");
    assertThat(r.body().path("n").size()).isEqualTo(2);
    assertThat(r.raw()).isEqualTo("{\"id\":\"t-1\",\"n\":[1,2]}");
    assertThat(r.header("x-request-id")).as("names compare case-insensitively").contains("r-1");
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(http.getJson(base + "/json").path("id").asText()).isEqualTo("t-1");
  }

  @Test
  void postSendsTheBodyAsJsonWithTheApiKeyAndReadsNeverCarryIt() {
    JsonHttpClient keyed = http.withApiKey("k-123");
    JsonResponse r = keyed.post(base + "/echo", Map.of("count", 2, "mode", "full"));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body().path("count").asInt()).isEqualTo(2);
    assertThat(r.body().path("mode").asText()).isEqualTo("full");
    keyed.get(base + "/json");
    assertThat(seen).extracting(Seen::method, Seen::apiKey, Seen::contentType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("POST", Optional.of("k-123"), Optional.of("application/json")),
        org.assertj.core.groups.Tuple.tuple("GET", Optional.empty(), Optional.empty()));
    assertThat(keyed.apiKey()).contains("k-123");
    assertThat(keyed.client()).as("the key shares the connection pool").isSameAs(http.client());
  }

  @Test
  void withoutAKeyNoHeaderIsSentAndRawBodiesGoVerbatim() {
    JsonResponse r = http.withApiKey("k").withApiKey(Optional.empty()).postRaw(base + "/echo", "{\"count\": 1, \"mode\": ");
    assertThat(seen.get(0).apiKey()).isEmpty();
    assertThat(seen.get(0).body()).isEqualTo("{\"count\": 1, \"mode\": ");
    assertThat(r.raw()).isEqualTo("{\"count\": 1, \"mode\": ");
    assertThat(r.isJson()).as("the echoed malformed JSON").isFalse();
    assertThat(r.body().isMissingNode()).isTrue();
  }

  @Test
  void deleteCarriesTheKeyAndAnEmptyBodyIsMissing() {
    JsonResponse r = http.withApiKey("k-9").delete(base + "/empty");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.raw()).isEmpty();
    assertThat(r.isJson()).isFalse();
    assertThat(seen.get(0)).isEqualTo(new Seen("DELETE", "/empty", Optional.of("k-9"), Optional.empty(), ""));
  }

  @Test
  void aBodyThatIsNotJsonIsKeptRaw() {
    JsonResponse r = http.get(base + "/text");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.isJson()).isFalse();
    assertThat(r.raw()).contains("bs_tasks_total 3");
    assertThatThrownBy(() -> http.getJson(base + "/text"))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("GET " + base + "/text → 200")
        .hasMessageContaining("not JSON")
        .hasMessageContaining("bs_tasks_total 3");
  }

  @Test
  void anUnexpectedStatusNamesTheRequestTheStatusAndTheBody() {
    JsonResponse r = http.get(base + "/missing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().path("detail").asText()).isEqualTo("no such task");
    assertThatThrownBy(() -> http.getJson(base + "/missing"))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessage("GET " + base + "/missing → 404 (expected 200): {\"detail\":\"no such task\"}")
        .satisfies(e -> assertThat(((UnexpectedResponseException) e).response().status()).isEqualTo(404));
    assertThatThrownBy(() -> r.expect(201)).hasMessageContaining("expected 201");
  }

  @Test
  void noAnswerIsAnUncheckedIoErrorNamingTheRequest() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/api/tasks";
    assertThatThrownBy(() -> http.post(url, Map.of()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("POST " + url + ": no answer");
    assertThatThrownBy(() -> http.get(base + "/slow"))
        .as("the 1 s request timeout")
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("GET " + base + "/slow");
  }

  @Test
  void aBodyThatCannotBeSerialisedIsRefusedBeforeSending() {
    assertThatThrownBy(() -> http.post(base + "/echo", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POST " + base + "/echo");
    assertThat(seen).isEmpty();
  }

  @Test
  void awaitPollsUntilA200BodySatisfiesThePredicate() throws InterruptedException {
    var done = http.await(base + "/poll", b -> b.path("state").asText().equals("DONE"), Duration.ofSeconds(10), "poll");
    assertThat(done.path("state").asText()).isEqualTo("DONE");
    assertThat(polls.get()).isEqualTo(4);
  }

  @Test
  void awaitFailsAfterTheTimeoutWithTheLastAnswer() {
    assertThatThrownBy(() -> http.await(base + "/missing", b -> true, Duration.ofMillis(700), "the task"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the task: not reached within PT0.7S polling GET " + base + "/missing")
        .hasMessageContaining("last: 404 {\"detail\":\"no such task\"}");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> new JsonHttpClient(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> new JsonHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .hasMessageContaining("requestTimeout");
  }
}
