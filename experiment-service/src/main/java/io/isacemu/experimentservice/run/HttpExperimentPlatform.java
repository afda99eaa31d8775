package io.isacemu.experimentservice.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.experiments.Endpoints;
import io.isacemu.experiments.HttpFleetControl;
import io.isacemu.experiments.PointFleet;
import io.isacemu.experiments.HttpPlatformControl;
import io.isacemu.experiments.PlatformControl;
import io.isacemu.experiments.RunLog;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.experiments.StartupSettings;
import io.isacemu.experiments.TrainingJobs;
import io.isacemu.experiments.TrainingStep;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.support.ServiceUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ExperimentPlatform} over the BS's and the training service's REST APIs, and the
 * device-services' fleet API when their URLs are configured: each is asked which modality its devices
 * sense ({@code GET /api/devices}), and the runner then adds, removes and retunes devices per point
 * ({@link PointFleet}), so that the device and shared-radio settings stop being start-up settings.
 */
public final class HttpExperimentPlatform implements ExperimentPlatform {

  /** Keys {@link PointFleet} applies at run time (besides every {@code devices.*} key). */
  private static final Set<String> FLEET_CELL_KEYS = Set.of("cell.unitBandwidthHz", "cell.noiseFigureDb", "cell.bsAntennas");

  private final JsonHttpClient http;
  private final Endpoints at;
  private final List<String> deviceUrls;

  public HttpExperimentPlatform(JsonHttpClient http, Endpoints at) {
    this(http, at, List.of());
  }

  /** @param deviceUrls the device-services' base URLs; empty = no fleet control (the fleet stays as started) */
  public HttpExperimentPlatform(JsonHttpClient http, Endpoints at, List<String> deviceUrls) {
    this.http = http;
    this.at = at;
    this.deviceUrls = List.copyOf(deviceUrls);
  }

  @Override
  public Optional<PointFleet> fleet() {
    Map<String, String> byModality = new LinkedHashMap<>();
    for (String url : deviceUrls) {
      JsonNode devices = http.getJson(url + "/api/devices");
      if (devices.isArray() && !devices.isEmpty()) {
        byModality.putIfAbsent(devices.get(0).path("modality").asText().toLowerCase(Locale.ROOT), url);
      }
    }
    return byModality.isEmpty() ? Optional.empty()
        : Optional.of(new PointFleet(new HttpFleetControl(http, at.bsUrl(), byModality)));
  }

  @Override
  public PlatformControl control() {
    return new HttpPlatformControl(http, at.bsUrl());
  }

  @Override
  public ScenarioRun.Trainer trainer(RunLog log) {
    TrainingStep training = new TrainingStep(http, log);
    return first -> training.run(at, TrainingJobs.of(first.scenario()),
        "scenario training, fingerprint " + first.trainingFingerprint().substring(0, 12));
  }

  @Override
  public List<Problem> startupDifferences(Scenario s) {
    try {
      List<Problem> all = StartupSettings.differences(s, http, at.bsUrl());
      return deviceUrls.isEmpty() ? all : all.stream()
          .filter(p -> !p.keyPath().startsWith("devices.") && !FLEET_CELL_KEYS.contains(p.keyPath())).toList();
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("the BS at " + at.bsUrl() + " does not report its settings: " + e.getMessage());
    }
  }
}
