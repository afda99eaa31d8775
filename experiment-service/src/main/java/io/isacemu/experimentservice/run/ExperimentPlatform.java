package io.isacemu.experimentservice.run;

import io.isacemu.experiments.PlatformControl;
import io.isacemu.experiments.RunLog;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.model.Scenario;
import java.util.List;

/** The running platform as the experiments see it; {@link HttpExperimentPlatform} over REST, tests use a fake. */
public interface ExperimentPlatform {

  /**
   * The device fleet's control, asked at the start of each experiment; empty when no device-service
   * is known (a {@code devices.*} axis then fails its point, naming why).
   */
  default java.util.Optional<io.isacemu.experiments.PointFleet> fleet() {
    return java.util.Optional.empty();
  }

  /** The BS's control (cell, replications, tasks). */
  PlatformControl control();

  /** Trains one job per training fingerprint on the training service, logging to {@code log}. */
  ScenarioRun.Trainer trainer(RunLog log);

  /**
   * The start-up settings of {@code s} that differ from the running platform's, by key path.
   *
   * @throws io.isacemu.support.ServiceUnavailableException when the platform does not answer
   */
  List<Problem> startupDifferences(Scenario s);
}
