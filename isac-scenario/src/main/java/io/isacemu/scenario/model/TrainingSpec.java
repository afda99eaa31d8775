package io.isacemu.scenario.model;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Section {@code training}: the training job (training-service {@code POST /api/jobs}). Defaults are
 * the job DemoLauncher submits today.
 *
 * @param preset {@code demo} (default) or {@code mosei-reference} — the training service's presets;
 *     {@code mosei-reference} also selects isac-learning's reference architecture (gate FFN hidden
 *     512, 2 heads)
 * @param experts stage I experts, modality sets such as {@code T} or {@code V+A+T}, distinct, at
 *     least one; default {@code [V, A, T, V+A+T]}
 * @param gateExperts experts the gate picks among, each one of {@code experts}, distinct; default
 *     {@code [T, V+A+T]} (the reference gate)
 * @param lambdas stage II cost weights λ, each in [0, 1e6], 1 to 32 distinct values (a list: not
 *     sweepable); default {@code [0, 0.3, 0.5, 0.7, 1]} (DemoLauncher.LAMBDAS)
 * @param deployLambda the λ whose gate is published, one of {@code lambdas}; default 0.5 (DemoLauncher
 *     {@code --lambda}); absent = the training service picks the cheapest run within one point of the
 *     best validation Acc-2 (write {@code deployLambda: auto})
 * @param epochsStageOne stage I epochs per expert, in [1, 1000]; default 20 (DemoLauncher {@code --epochs})
 * @param epochsStageTwo stage II epochs per λ, in [1, 1000]; default 20 (DemoLauncher {@code --epochs})
 * @param gates gates trained, {@code full} and/or {@code on-demand}, distinct; default both
 * @param networkState whether the on-demand gate reads the network state; default true
 * @param costMetric {@code C(E_i)}: {@code latency}, {@code energy}, {@code bits} or {@code flops};
 *     default {@code bits} (DemoLauncher)
 * @param tau0 initial Gumbel-softmax temperature, in (0, 100]; default 1.0 (JobRequest)
 * @param tauMin final temperature, in (0, 100], ≤ {@code tau0}; default 0.1 (JobRequest)
 * @param seed training seed (initialisation, shuffling, Gumbel noise), any integer; default 7 (DemoLauncher)
 * @param batchSize mini-batch size, in [1, 4096]; default 32 (preset demo)
 * @param patience early-stopping patience, epochs, in [1, 1000]; default 5 (JobRequest)
 */
public record TrainingSpec(
    Preset preset, List<ModalitySet> experts, List<ModalitySet> gateExperts, List<Double> lambdas,
    Optional<Double> deployLambda, int epochsStageOne, int epochsStageTwo, List<Gate> gates,
    boolean networkState, CostMetric costMetric, double tau0, double tauMin, long seed, int batchSize,
    int patience) {

  /** The training service's presets ({@code io.isacemu.training.engine.Preset}: a service type, not reachable here). */
  public enum Preset { DEMO, MOSEI_REFERENCE }

  /** The gates stage II trains (isac-learning's {@code GateMode}; that module drags DJL in). */
  public enum Gate { FULL, ON_DEMAND }

  /** Today's demo job. */
  public static final TrainingSpec DEFAULTS = new TrainingSpec(Preset.DEMO,
      List.of(ModalitySet.parse("V"), ModalitySet.parse("A"), ModalitySet.parse("T"), ModalitySet.parse("V+A+T")),
      List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T")), List.of(0.0, 0.3, 0.5, 0.7, 1.0),
      Optional.of(0.5), 20, 20, List.of(Gate.FULL, Gate.ON_DEMAND), true, CostMetric.BITS, 1.0, 0.1, 7, 32, 5);

  public TrainingSpec {
    Check.present("preset", preset);
    experts = distinct("experts", experts);
    gateExperts = distinct("gateExperts", gateExperts);
    for (int i = 0; i < gateExperts.size(); i++) {
      if (!experts.contains(gateExperts.get(i))) {
        throw new InvalidFieldException("gateExperts[" + i + "]", gateExperts.get(i),
            "'" + gateExperts.get(i) + "' is not one of training.experts " + experts);
      }
    }
    lambdas = distinct("lambdas", lambdas);
    if (lambdas.size() > Limits.MAX_LAMBDAS) {
      throw new InvalidFieldException("lambdas", lambdas, lambdas.size() + " values exceed " + Limits.MAX_LAMBDAS);
    }
    for (int i = 0; i < lambdas.size(); i++) {
      Limits.LAMBDA.check("lambdas[" + i + "]", lambdas.get(i));
    }
    Check.present("deployLambda", deployLambda);
    if (deployLambda.isPresent() && !lambdas.contains(deployLambda.get())) {
      throw new InvalidFieldException("deployLambda", deployLambda.get(),
          Range.show(deployLambda.get()) + " is not one of training.lambdas " + lambdas);
    }
    Limits.EPOCHS.check("epochsStageOne", epochsStageOne);
    Limits.EPOCHS.check("epochsStageTwo", epochsStageTwo);
    gates = distinct("gates", gates);
    Check.present("costMetric", costMetric);
    Limits.TAU.check("tau0", tau0);
    Limits.TAU.check("tauMin", tauMin);
    if (tauMin > tau0) {
      throw new InvalidFieldException("tauMin", tauMin, Range.show(tauMin) + " must be <= training.tau0 " + Range.show(tau0));
    }
    Limits.BATCH_SIZE.check("batchSize", batchSize);
    Limits.PATIENCE.check("patience", patience);
  }

  private static <T> List<T> distinct(String field, List<T> values) {
    List<T> copy = List.copyOf(Check.present(field, values));
    if (copy.isEmpty()) {
      throw new InvalidFieldException(field, copy, "[] must hold at least one value");
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new InvalidFieldException(field, copy, copy + " contains a duplicate");
    }
    return copy;
  }
}
