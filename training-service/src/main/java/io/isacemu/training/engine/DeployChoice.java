package io.isacemu.training.engine;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.GatedEvaluation;
import io.isacemu.learning.TrainingResult;
import io.isacemu.learning.deploy.DeploySelection;
import io.isacemu.learning.deploy.Deployment;
import io.isacemu.learning.deploy.FrontierPoint;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The job's deploy rule applied to a training result's validation numbers ({@link DeploySelection}). */
final class DeployChoice {

  private DeployChoice() {}

  /**
   * The main gate's validation frontier (one point per λ, the job's order) and the best fixed gate
   * expert's validation Acc-2 (stage I), judged by {@code spec.deploy()}.
   */
  static Deployment of(JobSpec spec, TrainingResult result) {
    List<FrontierPoint> frontier = result.gated().stream().map(DeployChoice::point).toList();
    Set<String> gateExperts = spec.gateExperts().stream().map(ModalitySet::name).collect(Collectors.toSet());
    // the reference is a fixed policy the gate could replace: one of its own experts, always run
    double bestFixed = result.experts().stream().filter(e -> gateExperts.contains(e.name()))
        .mapToDouble(e -> e.validMetrics().acc2HasZero()).max().orElseThrow();
    return DeploySelection.select(spec.deploy(), frontier, bestFixed);
  }

  private static FrontierPoint point(TrainingResult.GateRun run) {
    GatedEvaluation v = run.valid();
    return new FrontierPoint(run.lambda(), v.metrics().acc2HasZero(), v.routing().expectedNormalisedCost(),
        v.routing().expected());
  }
}
