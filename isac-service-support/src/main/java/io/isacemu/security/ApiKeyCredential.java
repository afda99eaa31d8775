package io.isacemu.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The control plane's credential: the key a client presents in {@value #HEADER} to use a service's
 * write endpoints.
 *
 * @param property the setting the key comes from (e.g. {@code isac.bs.api-key}), named in every
 *     refusal so that an operator knows what to set
 * @param key the key; blank = no key is configured, and every write is refused
 */
public record ApiKeyCredential(String property, String key) {

  /** The request header that carries the key. */
  public static final String HEADER = "X-Api-Key";

  public ApiKeyCredential {
    Objects.requireNonNull(property, "property");
    if (property.isBlank()) {
      throw new IllegalArgumentException("property: blank; name the setting the API key comes from");
    }
    key = key == null ? "" : key.strip();
  }

  /** Whether a key is configured (else every write is refused). */
  public boolean configured() {
    return !key.isEmpty();
  }

  /** Whether {@code presented} is the key, compared in constant time; never true when none is configured. */
  public boolean matches(String presented) {
    return configured() && presented != null
        && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiKeyCredential[" + property + (configured() ? " set" : " unset") + "]"; // never the key
  }
}
