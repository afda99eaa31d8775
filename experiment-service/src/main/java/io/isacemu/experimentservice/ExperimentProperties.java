package io.isacemu.experimentservice;

import io.isacemu.experiments.Endpoints;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * experiment-service's settings ({@code isac.experiments.*}).
 *
 * @param bsUrl the BS's REST base URL, e.g. {@code http://bs-service:8080}
 * @param trainingUrl the training service's REST base URL
 * @param deviceUrls the device-services' base URLs (reported at {@code GET /api/platform}); when
 *     given, the runner adds, removes and retunes devices per point through their fleet API
 *     ({@code devices.*} and the shared radio keys are then no start-up settings); empty = the fleet
 *     stays as started
 * @param apiKey {@code X-Api-Key}: required for this service's writes and sent with the runner's writes
 *     to the BS and the training service (one key for the platform); blank = every write refused
 * @param resultsDir where each experiment's directory lives (a volume: results survive a restart)
 * @param queueCapacity experiments that may wait behind the running one, ≥ 0; beyond it 429
 * @param maxBodyBytes largest scenario body, bytes, ≥ 1; beyond it 413
 * @param retryAfterSeconds the 429's {@code Retry-After}, s, ≥ 1
 */
@ConfigurationProperties("isac.experiments")
public record ExperimentProperties(String bsUrl, String trainingUrl, List<String> deviceUrls, String apiKey,
    Path resultsDir, int queueCapacity, long maxBodyBytes, int retryAfterSeconds) {

  public ExperimentProperties {
    Endpoints checked = new Endpoints(required("training-url", trainingUrl), required("bs-url", bsUrl));
    bsUrl = checked.bsUrl();
    trainingUrl = checked.trainingUrl();
    deviceUrls = deviceUrls == null ? List.of() : List.copyOf(deviceUrls);
    apiKey = apiKey == null ? "" : apiKey.strip();
    if (resultsDir == null) {
      throw new IllegalArgumentException("isac.experiments.results-dir: missing");
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("isac.experiments.queue-capacity: " + queueCapacity + " must be >= 0");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("isac.experiments.max-body-bytes: " + maxBodyBytes + " must be >= 1");
    }
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("isac.experiments.retry-after-seconds: " + retryAfterSeconds + " must be >= 1");
    }
  }

  /** The URLs as the runner takes them. */
  public Endpoints endpoints() {
    return new Endpoints(trainingUrl, bsUrl);
  }

  private static String required(String key, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("isac.experiments." + key + ": missing");
    }
    return v;
  }

  /** Without the API key: it must not reach a log. */
  @Override
  public String toString() {
    return "ExperimentProperties[bsUrl=" + bsUrl + ", trainingUrl=" + trainingUrl + ", deviceUrls=" + deviceUrls
        + ", resultsDir=" + resultsDir + ", queueCapacity=" + queueCapacity + ", maxBodyBytes=" + maxBodyBytes + "]";
  }
}
