package io.isacemu.experimentservice.run;

import io.isacemu.experiments.Endpoints;
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
import java.util.List;

/** {@link ExperimentPlatform} over the BS's and the training service's REST APIs. */
public final class HttpExperimentPlatform implements ExperimentPlatform {

  private final JsonHttpClient http;
  private final Endpoints at;

  public HttpExperimentPlatform(JsonHttpClient http, Endpoints at) {
    this.http = http;
    this.at = at;
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
      return StartupSettings.differences(s, http, at.bsUrl());
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("the BS at " + at.bsUrl() + " does not report its settings: " + e.getMessage());
    }
  }
}
