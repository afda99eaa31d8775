package io.isacemu.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small JSON-over-HTTP client for the services' REST APIs (java.net.http + Jackson). */
final class Rest {

  /** Status and parsed body ({@link MissingNode} when the body is not JSON). */
  record Response(int status, JsonNode body, String raw) {}

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** POSTs {@code body} serialised as JSON, with {@code X-Api-Key} when given. */
  Response post(String url, Object body, Optional<String> apiKey) {
    try {
      return postRaw(url, JSON.writeValueAsString(body), apiKey);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body: not serialisable: " + e.getMessage(), e);
    }
  }

  /** POSTs {@code json} verbatim (malformed bodies included), with {@code X-Api-Key} when given. */
  Response postRaw(String url, String json, Optional<String> apiKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    apiKey.ifPresent(k -> b.header("X-Api-Key", k));
    return send(b);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = client.send(request.timeout(Duration.ofMinutes(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = r.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(r.body());
      } catch (JsonProcessingException e) {
        body = MissingNode.getInstance();
      }
      return new Response(r.statusCode(), body, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
