package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON-over-HTTP client for the services' REST APIs. */
final class Http {

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String apiKey;

  Http(String apiKey) {
    this.apiKey = apiKey;
  }

  record Response(int status, JsonNode body) {}

  JsonNode get(String url) throws IOException, InterruptedException {
    Response r = send(HttpRequest.newBuilder(URI.create(url)).GET());
    if (r.status() != 200) {
      throw new IOException("GET " + url + " → " + r.status() + ": " + r.body());
    }
    return r.body();
  }

  Response getResponse(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Response post(String url, Object body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("X-Api-Key", apiKey)
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
  }

  private Response send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(b.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    String text = r.body();
    JsonNode node = text == null || text.isBlank() ? json.nullNode() : json.readTree(text);
    return new Response(r.statusCode(), node);
  }
}
