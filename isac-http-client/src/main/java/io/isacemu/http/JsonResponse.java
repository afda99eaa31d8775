package io.isacemu.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one request of {@link JsonHttpClient}.
 *
 * @param method the request's method ({@code GET}, {@code POST}, {@code DELETE})
 * @param uri the request's URI
 * @param status the HTTP status code
 * @param headers the response headers (names compare case-insensitively)
 * @param raw the body as received; empty when there was none
 * @param body the body parsed as JSON; a {@code MissingNode} when it is blank or not JSON (then
 *     read {@link #raw}, e.g. Prometheus text)
 */
public record JsonResponse(String method, URI uri, int status, HttpHeaders headers, String raw, JsonNode body) {

  /** Longest body excerpt an error message quotes, characters. */
  static final int EXCERPT_CHARS = 600;

  public JsonResponse {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(body, "body");
  }

  /** Whether the body parsed as JSON. */
  public boolean isJson() {
    return !body.isMissingNode();
  }

  /** The first value of header {@code name}, if present. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /**
   * The JSON body, when the status is {@code expectedStatus} and the body is JSON.
   *
   * @throws UnexpectedResponseException otherwise, naming the request, the status and the body
   */
  public JsonNode expect(int expectedStatus) {
    if (status != expectedStatus) {
      throw new UnexpectedResponseException(this, "expected " + expectedStatus);
    }
    if (!isJson()) {
      throw new UnexpectedResponseException(this, "the body is not JSON");
    }
    return body;
  }

  /** {@code GET http://host/path → 404}, for messages. */
  public String describe() {
    return method + " " + uri + " → " + status;
  }

  /** The raw body cut to {@value #EXCERPT_CHARS} characters, for messages. */
  public String excerpt() {
    return excerpt(raw);
  }

  static String excerpt(String s) {
    return s.length() > EXCERPT_CHARS ? s.substring(0, EXCERPT_CHARS) + "…" : s;
  }
}
