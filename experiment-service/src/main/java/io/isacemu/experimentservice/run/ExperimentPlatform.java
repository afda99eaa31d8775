package io.isacemu.experimentservice.run;

import io.isacemu.experiments.PlatformControl;
import io.isacemu.experiments.RunLog;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.model.Scenario;
import java.util.List;

/** The running platform as the experiments see it; {@link HttpExperimentPlatform} over REST, tests use a fake. */
public interface ExperimentPlatform {

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
