package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.util.Map;

/**
 * {@link FleetControl} over HTTP (the client carries the API key, the same for the BS and the
 * device-services). A 409 (a command still in flight, a task of a failed mode still running) is
 * retried for up to a minute, 100 ms apart: the runner changes things only between points.
 */
public final class HttpFleetControl implements FleetControl {

  private static final int CONFLICT_RETRIES = 600;

  private final JsonHttpClient http;
  private final String bsUrl;
  private final Map<String, String> deviceUrls;

  /** @param deviceUrls modality wire name ({@code video}, ...) → base URL of the device-service holding its devices */
  public HttpFleetControl(JsonHttpClient http, String bsUrl, Map<String, String> deviceUrls) {
    this.http = http;
    this.bsUrl = bsUrl;
    this.deviceUrls = Map.copyOf(deviceUrls);
  }

  private String url(String modality) {
    String u = deviceUrls.get(modality);
    if (u == null) {
      throw new IllegalStateException("no device-service holds the " + modality + " devices (known: "
          + deviceUrls.keySet() + ")");
    }
    return u;
  }

  @Override
  public JsonNode devices(String modality) {
    return http.getJson(url(modality) + "/api/devices");
  }

  @Override
  public JsonNode add(String modality, Map<String, Object> device) {
    return expect(201, "POST " + modality + " /api/devices", () -> http.post(url(modality) + "/api/devices", device));
  }

  @Override
  public JsonNode retune(String modality, String id, Map<String, Object> device) {
    return expect(200, "PUT " + modality + " /api/devices/" + id,
        () -> http.put(url(modality) + "/api/devices/" + id, device));
  }

  @Override
  public void remove(String modality, String id) {
    expect(204, "DELETE " + modality + " /api/devices/" + id, () -> http.delete(url(modality) + "/api/devices/" + id));
  }

  @Override
  public JsonNode radio(String modality) {
    return http.getJson(url(modality) + "/api/radio");
  }

  @Override
  public JsonNode retuneRadio(String modality, Map<String, Object> radio) {
    return expect(200, "PUT " + modality + " /api/radio", () -> http.put(url(modality) + "/api/radio", radio));
  }

  @Override
  public JsonNode applyCell(Map<String, Object> cell) {
    return expect(200, "PUT /api/cell", () -> http.put(bsUrl + "/api/cell", cell));
  }

  @Override
  public JsonNode bsDevices() {
    return http.getJson(bsUrl + "/api/devices");
  }

  private static JsonNode expect(int status, String what, java.util.function.Supplier<JsonResponse> call) {
    JsonResponse r = call.get();
    for (int i = 0; r.status() == 409 && i < CONFLICT_RETRIES; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during " + what, e);
      }
      r = call.get();
    }
    if (r.status() != status) {
      throw new IllegalStateException(what + ": " + r.status() + " " + r.body());
    }
    return r.body();
  }
}
