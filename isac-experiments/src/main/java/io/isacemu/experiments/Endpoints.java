package io.isacemu.experiments;

import java.net.URI;

/** Base URLs of the training service and the BS, e.g. {@code http://bs-service:8080}; no trailing slash. */
public record Endpoints(String trainingUrl, String bsUrl) {

  public Endpoints {
    trainingUrl = url("training-url", trainingUrl);
    bsUrl = url("bs-url", bsUrl);
  }

  private static String url(String field, String v) {
    try {
      URI u = URI.create(v.trim());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException(field + ": '" + v + "' is not an http(s) URL with a host");
      }
      String s = u.toString();
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(field + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(field + ": '" + v + "' is not a URL", e);
    }
  }
}
