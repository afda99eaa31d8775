package io.isacemu.http;

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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one JSON-over-HTTP client of the services' REST APIs (java.net.http + Jackson), used by the
 * demo at run time and by the end-to-end and container tests.
 *
 * <p>Every call returns a {@link JsonResponse} whatever the status: the caller decides what a 4xx
 * means ({@link JsonResponse#expect}, {@link #getJson}). Failures to get any answer (refused
 * connection, timeout) are {@link UncheckedIOException}s naming the request; an interrupted call
 * restores the thread's interrupt flag and throws {@link IllegalStateException}.
 *
 * <p>The API key goes in {@value #API_KEY_HEADER} on writes ({@code POST}, {@code DELETE}) only:
 * the services' reads are open, and a read must keep working whatever key the caller holds.
 * Instances are immutable and thread-safe; {@link #withApiKey} shares the connection pool.
 */
public final class JsonHttpClient {

  /** The header the services read the API key from. */
  public static final String API_KEY_HEADER = "X-Api-Key";
  /** Default time to establish a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time for a whole request, from sending to the last body byte. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
  /** Pause between two polls of {@link #await}. */
  public static final Duration AWAIT_INTERVAL = Duration.ofMillis(500);

  // thread-safe once configured; the default configuration is all the services' JSON needs
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Optional<String> apiKey;

  /** A client with the default timeouts and no API key. */
  public JsonHttpClient() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /** A client without API key; {@code requestTimeout} bounds each request as a whole. */
  public JsonHttpClient(Duration connectTimeout, Duration requestTimeout) {
    this(HttpClient.newBuilder().connectTimeout(positive("connectTimeout", connectTimeout)).build(),
        positive("requestTimeout", requestTimeout), Optional.empty());
  }

  private JsonHttpClient(HttpClient client, Duration requestTimeout, Optional<String> apiKey) {
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.apiKey = apiKey;
  }

  /** This client sending {@code apiKey} on writes (any string: tests send wrong keys on purpose). */
  public JsonHttpClient withApiKey(String apiKey) {
    return withApiKey(Optional.of(Objects.requireNonNull(apiKey, "apiKey")));
  }

  /** This client sending {@code apiKey} on writes, or no key when empty. */
  public JsonHttpClient withApiKey(Optional<String> apiKey) {
    return new JsonHttpClient(client, requestTimeout, Objects.requireNonNull(apiKey, "apiKey"));
  }

  /** The key sent on writes, if any. */
  public Optional<String> apiKey() {
    return apiKey;
  }

  /** The underlying java.net.http client, for callers with their own requests (health probes). */
  public HttpClient client() {
    return client;
  }

  /** {@code GET url}. */
  public JsonResponse get(String url) {
    return send("GET", url, HttpRequest.BodyPublishers.noBody(), false);
  }

  /**
   * {@code GET url}, expecting 200 and a JSON body.
   *
   * @throws UnexpectedResponseException on any other status, or a body that is not JSON
   */
  public JsonNode getJson(String url) {
    return get(url).expect(200);
  }

  /**
   * {@code POST url} with {@code body} serialised as JSON.
   *
   * @throws IllegalArgumentException when {@code body} cannot be serialised
   */
  public JsonResponse post(String url, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("POST " + url + ": body not serialisable as JSON: " + e.getOriginalMessage(), e);
    }
    return postRaw(url, json);
  }

  /** {@code POST url} with {@code json} sent verbatim as {@code application/json}, malformed or not. */
  public JsonResponse postRaw(String url, String json) {
    return send("POST", url, HttpRequest.BodyPublishers.ofString(json), true);
  }

  /**
   * {@code PUT url} with {@code body} serialised as JSON.
   *
   * @throws IllegalArgumentException when {@code body} cannot be serialised
   */
  public JsonResponse put(String url, Object body) {
    try {
      return send("PUT", url, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)), true);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("PUT " + url + ": body not serialisable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code DELETE url}. */
  public JsonResponse delete(String url) {
    return send("DELETE", url, HttpRequest.BodyPublishers.noBody(), false);
  }

  /**
   * GETs {@code url} every {@link #AWAIT_INTERVAL} until {@code done} holds for a 200 JSON body;
   * failed connections count as "not yet".
   *
   * @param what what is awaited, for the error message
   * @return the body that satisfied {@code done}
   * @throws IllegalStateException after {@code timeout}, with the last answer (or failure) seen
   */
  public JsonNode await(String url, Predicate<JsonNode> done, Duration timeout, String what)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    do {
      try {
        JsonResponse r = get(url);
        if (r.status() == 200 && r.isJson() && done.test(r.body())) {
          return r.body();
        }
        last = r.status() + " " + r.raw();
      } catch (UncheckedIOException e) {
        last = e.getMessage();
      }
      Thread.sleep(AWAIT_INTERVAL.toMillis());
    } while (System.nanoTime() < end);
    throw new IllegalStateException(what + ": not reached within " + timeout + " polling GET " + url
        + " (last: " + JsonResponse.excerpt(last) + ")");
  }

  private JsonResponse send(String method, String url, HttpRequest.BodyPublisher body, boolean json) {
    URI uri = URI.create(url);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout).method(method, body);
    if (json) {
      b.header("Content-Type", "application/json");
    }
    if (!method.equals("GET")) {
      apiKey.ifPresent(k -> b.header(API_KEY_HEADER, k));
    }
    HttpResponse<String> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + ": no answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + url + ": interrupted", e);
    }
    String raw = r.body() == null ? "" : r.body();
    return new JsonResponse(method, uri, r.statusCode(), r.headers(), raw, parse(raw));
  }

  private static JsonNode parse(String raw) {
    if (raw.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(raw);
    } catch (JsonProcessingException notJson) {
      return MissingNode.getInstance();
    }
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " is not a positive duration");
    }
    return d;
  }
}
