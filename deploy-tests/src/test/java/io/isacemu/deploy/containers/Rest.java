package io.isacemu.deploy.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** JSON over HTTP against the containers' published ports. */
final class Rest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiKey;

  Rest(String apiKey) {
    this.apiKey = apiKey;
  }

  record Response(int status, JsonNode body) {}

  Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Response post(String url, Object body) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/json")
          .header("X-Api-Key", apiKey)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** GETs {@code url} until {@code done} holds for a 200 body; fails with the last answer after {@code timeout}. */
  JsonNode await(String url, Predicate<JsonNode> done, Duration timeout, String what) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        Response r = get(url);
        if (r.status() == 200 && done.test(r.body())) {
          return r.body();
        }
        last = r.status() + " " + r.body();
      } catch (RuntimeException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(what + ": not reached within " + timeout + " (last: " + abbreviate(last) + ")");
  }

  private static String abbreviate(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "…" : s;
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = client.send(b.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
      String text = r.body();
      JsonNode node;
      try {
        node = text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
      } catch (IOException notJson) {
        node = JSON.getNodeFactory().textNode(text);
      }
      return new Response(r.statusCode(), node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
