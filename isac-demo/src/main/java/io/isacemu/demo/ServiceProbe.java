package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.experiments.Endpoints;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.http.JsonResponse;
import java.io.UncheckedIOException;

/** Waits until services are up: healthy over REST, devices LIVE at the BS. */
final class ServiceProbe {

  private final JsonHttpClient http;
  private final DemoLog log;

  ServiceProbe(JsonHttpClient http, DemoLog log) {
    this.http = http;
    this.log = log;
  }

  /** Attach mode (docker-compose, Kubernetes): the services run elsewhere; wait until they are ready. */
  Endpoints awaitAttached(Endpoints e) throws InterruptedException {
    log.say("attaching to training-service %s and bs-service %s", e.trainingUrl(), e.bsUrl());
    awaitHealthy("training-service", e.trainingUrl());
    awaitHealthy("bs-service", e.bsUrl());
    awaitDevices(e.bsUrl(), 3);
    return e;
  }

  /** Polls {@code /actuator/health} once a second, for up to 6 minutes. */
  void awaitHealthy(String name, String baseUrl) throws InterruptedException {
    String last = "";
    for (int i = 0; i < 360; i++) {
      try {
        JsonResponse r = http.get(baseUrl + "/actuator/health");
        if (r.status() == 200) {
          log.say("%s is healthy", name);
          return;
        }
        last = "HTTP " + r.status();
      } catch (UncheckedIOException ex) {
        last = ex.toString();
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(name + " at " + baseUrl + " not healthy after 6 minutes (last: " + last + ")");
  }

  /** Waits until at least {@code n} devices are LIVE at the BS, for up to 5 minutes. */
  void awaitDevices(String bsUrl, int n) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode devices = http.getJson(bsUrl + "/api/devices");
      int live = 0;
      for (JsonNode d : devices) {
        if ("LIVE".equals(d.path("status").asText())) {
          live++;
        }
      }
      if (live >= n) {
        log.say("%d devices LIVE at the BS", live);
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("devices did not attach to the BS within 5 minutes (see the logs)");
  }
}
