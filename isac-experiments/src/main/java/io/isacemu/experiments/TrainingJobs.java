package io.isacemu.experiments;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.DatasetSettings;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.TrainingSpec;
import io.isacemu.scenario.model.Wire;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one mapping from a scenario's {@code dataset} and {@code training} to a training-service job body. */
public final class TrainingJobs {

  private TrainingJobs() {}

  public static Map<String, Object> of(Scenario s) {
    TrainingSpec t = s.training();
    DatasetSettings d = s.dataset().settings();
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("type", "synthetic");
    dataset.put("seed", d.seed());
    dataset.put("trainSize", d.trainSize());
    dataset.put("validSize", d.validSize());
    dataset.put("testSize", d.testSize());
    dataset.put("sequenceLength", d.sequenceLength());
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", Wire.name(t.preset()));
    job.put("dataset", dataset);
    job.put("experts", names(t.experts()));
    job.put("gateExperts", names(t.gateExperts()));
    job.put("lambdas", t.lambdas());
    t.deployLambda().ifPresent(l -> job.put("deployLambda", l));
    job.put("epochsStageOne", t.epochsStageOne());
    job.put("epochsStageTwo", t.epochsStageTwo());
    job.put("gates", t.gates().stream().map(Wire::name).toList());
    job.put("networkState", t.networkState());
    job.put("costMetric", Wire.name(t.costMetric()));
    job.put("tau0", t.tau0());
    job.put("tauMin", t.tauMin());
    job.put("seed", t.seed());
    job.put("batchSize", t.batchSize());
    job.put("patience", t.patience());
    return job;
  }

  private static List<String> names(List<ModalitySet> sets) {
    return sets.stream().map(ModalitySet::name).toList();
  }
}
