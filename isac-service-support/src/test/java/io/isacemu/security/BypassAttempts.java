package io.isacemu.security;

import java.util.List;
import java.util.Map;

/**
 * Spellings of a protected write that a path-matching filter may read differently from the servlet
 * container (the bypasses found in the hand-written filter: {@code /api;/tasks}, {@code /%61pi/tasks}).
 * Each must be refused (never 2xx) when no key is presented, and the endpoint must not run.
 * Shared with the services' tests (test-jar).
 */
public final class BypassAttempts {

  private BypassAttempts() {}

  /** A request to try: method, target and extra headers. */
  public record Attempt(String method, String target, Map<String, String> headers) {
    @Override
    public String toString() {
      return method + " " + target + (headers.isEmpty() ? "" : " " + headers);
    }
  }

  /** Attempts at {@code path} (e.g. {@code /api/tasks}), whose first segment is {@code first} (e.g. {@code api}). */
  public static List<Attempt> at(String path) {
    String[] seg = path.substring(1).split("/", 2);
    String first = seg[0];
    String rest = seg.length > 1 ? "/" + seg[1] : "";
    String encodedFirstChar = "%" + Integer.toHexString(first.charAt(0)).toUpperCase() + first.substring(1);
    return List.of(
        new Attempt("POST", path, Map.of()),
        // path parameters
        new Attempt("POST", "/" + first + ";" + rest, Map.of()),
        new Attempt("POST", "/" + first + ";x=y" + rest, Map.of()),
        new Attempt("POST", path + ";jsessionid=1", Map.of()),
        // percent-encoding, upper and lower hex, of a letter, of the separator, of a dot
        new Attempt("POST", "/" + encodedFirstChar + rest, Map.of()),
        new Attempt("POST", "/" + encodedFirstChar.toLowerCase() + rest, Map.of()),
        new Attempt("POST", "/" + first + "%2F" + rest.substring(Math.min(1, rest.length())), Map.of()),
        new Attempt("POST", "/" + first + "/%2e" + rest, Map.of()),
        new Attempt("POST", "/%2e%2e/" + first + rest, Map.of()),
        // double slashes, dot segments, trailing slash
        new Attempt("POST", "/" + path, Map.of()),
        new Attempt("POST", "/" + first + "/" + rest, Map.of()),
        new Attempt("POST", "/x/../" + first + rest, Map.of()),
        new Attempt("POST", "/" + first + "/." + rest, Map.of()),
        new Attempt("POST", path + "/", Map.of()),
        // case
        new Attempt("POST", path.toUpperCase(), Map.of()),
        new Attempt("POST", "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest, Map.of()),
        new Attempt("post", path, Map.of()),
        // method overrides, as header and as parameter
        new Attempt("POST", path, Map.of("X-HTTP-Method-Override", "GET")),
        new Attempt("POST", path, Map.of("X-HTTP-Method", "GET")),
        new Attempt("POST", path, Map.of("X-Method-Override", "GET")),
        new Attempt("POST", path + "?_method=GET", Map.of()),
        // a key that is not the key
        new Attempt("POST", path, Map.of(ApiKeyCredential.HEADER, "")),
        new Attempt("POST", path, Map.of(ApiKeyCredential.HEADER, "wrong")),
        new Attempt("POST", path, Map.of("x-api-key", "wrong")));
  }
}
