package io.isacemu.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Today's demo training job (Table I): the training-service job body and its one-line description. */
final class DemoTrainingJob {

  private DemoTrainingJob() {}

  static String describe(int epochs, double deployLambda, DemoDataset dataset) {
    return String.format(Locale.ROOT, "demo preset, %d+%d epochs, λ ∈ %s, deploying λ = %s, on %s, gates full (C = bits) and on-demand (text + network state, C = energy)",
        epochs, epochs, DemoArgs.LAMBDAS, deployLambda, dataset.describe());
  }

  static Map<String, Object> of(int epochs, double deployLambda, DemoDataset dataset) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    job.put("dataset", dataset.trainingJobDataset());
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T")); // the reference gate; V and A are bundled for fixed modes
    job.put("lambdas", DemoArgs.LAMBDAS);
    job.put("deployLambda", deployLambda);
    job.put("epochsStageOne", epochs);
    job.put("epochsStageTwo", epochs);
    job.put("gates", List.of("full", "on-demand")); // full-input gate for `full`, cheap + state gate for on-demand
    job.put("networkState", true); // on-demand gate: text + network state, trained on C(E_i | state) = energy (the fallback for bits)
    job.put("costMetric", "bits");  // expert rows and the full gate
    job.put("seed", 7);
    return job;
  }
}
