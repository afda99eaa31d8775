package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.util.Map;

/** {@link PlatformControl} over the BS's REST API (the client carries the API key). */
public final class HttpPlatformControl implements PlatformControl {

  /** A 429 (the BS's in-flight bound) is retried this often, 100 ms apart. */
  static final int OVERLOAD_RETRIES = 600;

  /** How long one poll of a task may wait at the BS for its end, ms. */
  static final int AWAIT_WAIT_MS = 100;

  private final JsonHttpClient http;
  private final String bsUrl;

  public HttpPlatformControl(JsonHttpClient http, String bsUrl) {
    this.http = http;
    this.bsUrl = bsUrl;
  }

  @Override
  public JsonNode applyCell(double bandwidthHz) {
    JsonResponse r = http.put(bsUrl + "/api/cell", Map.of("bandwidthHz", bandwidthHz));
    // 409: tasks of a failed mode are still running; the cell changes once they end
    for (int i = 0; r.status() == 409 && i < OVERLOAD_RETRIES; i++) {
      sleep();
      r = http.put(bsUrl + "/api/cell", Map.of("bandwidthHz", bandwidthHz));
    }
    if (r.status() != 200) {
      throw new IllegalStateException("PUT /api/cell bandwidthHz " + bandwidthHz + ": " + r.status() + " " + r.body());
    }
    return r.body();
  }

  @Override
  public JsonNode cell() {
    return http.getJson(bsUrl + "/api/cell");
  }

  @Override
  public void startReplication(long seed) {
    JsonResponse r = http.post(bsUrl + "/api/emulation/reset", Map.of("seed", seed));
    if (r.status() / 100 != 2) {
      throw new IllegalStateException("POST /api/emulation/reset seed " + seed + ": " + r.status() + " " + r.body());
    }
  }

  @Override
  public String submit(Map<String, Object> task) {
      for (int i = 0; ; i++) {
        JsonResponse r = http.post(bsUrl + "/api/tasks", task);
        if (r.status() == 202) {
          return r.body().path("id").asText();
        }
        if (r.status() != 429 || i >= OVERLOAD_RETRIES) {
          throw new IllegalStateException("task refused: " + r.status() + " " + r.body());
        }
        sleep();
      }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the BS", e);
    }
  }

  @Override
  public JsonNode await(String taskId) throws InterruptedException {
    // long poll: the BS answers as soon as the task ends (a 20 ms poll interval cost ~10 ms per task)
    String url = bsUrl + "/api/tasks/" + taskId + "?waitMs=" + AWAIT_WAIT_MS;
    for (int i = 0; i < 6000; i++) {
      JsonNode t = http.getJson(url);
      String s = t.path("status").asText();
      if (s.equals("DONE") || s.equals("DEGRADED") || s.equals("FAILED")) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("task " + taskId + " not finished after 6000 polls (at least 2 minutes)");
  }
}
