package io.isacemu.training.engine;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.learning.GateMode;
import io.isacemu.learning.deploy.DeployRule;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One validated training job: stage I trains each of {@code experts} alone, stage II trains the
 * gate over {@code gateExperts} once per λ with loss {@code L = L_task + λ Σ_i g_i C(E_i)} and
 * Gumbel-softmax temperature annealed from {@code tau0} down to {@code tauMin}.
 *
 * @param dataset data source
 * @param experts experts of stage I and of the results table, distinct, at least one
 * @param gateExperts experts the gate chooses among (gate-logit order), each one of {@code
 *     experts}, at least one
 * @param lambdas cost weights λ of stage II, each finite and ≥ 0, at least one
 * @param epochsStageOne stage I epochs per expert, ≥ 1
 * @param epochsStageTwo stage II epochs per λ, ≥ 1
 * @param preset named defaults used
 * @param costMetric resource measured by {@code C(E_i)}
 * @param gates which gates stage II trains, distinct, at least one: {@code ON_DEMAND} (the cheap
 *     gate: text, plus the network state when {@code networkState}) and/or {@code FULL} (every
 *     modality); both come from the same stage-I experts and go into one bundle
 * @param networkState whether the on-demand gate reads the network state and is trained on
 *     state-dependent costs {@code C(E_i | s)} (ignored without an on-demand gate)
 * @param tau0 initial Gumbel-softmax temperature, > 0
 * @param tauMin final temperature, > 0 and ≤ tau0
 * @param seed seed of initialisation, shuffling and Gumbel noise
 * @param batchSize mini-batch size, ≥ 1
 * @param patience epochs without validation improvement before early stop, ≥ 1
 * @param deploy how the published gate is chosen among the λ runs, on validation: {@code ByLambda}
 *     (one of {@code lambdas}), a maximum accuracy loss, a cost budget, or by default the cheapest
 *     run whose validation Acc-2 is within one point of the best
 */
public record JobSpec(
    DatasetSpec dataset,
    List<ModalitySet> experts,
    List<ModalitySet> gateExperts,
    List<Double> lambdas,
    int epochsStageOne,
    int epochsStageTwo,
    Preset preset,
    CostMetric costMetric,
    List<GateMode> gates,
    boolean networkState,
    double tau0,
    double tauMin,
    long seed,
    int batchSize,
    int patience,
    DeployRule deploy) {

  public JobSpec {
    Check.present("dataset", dataset);
    Check.present("preset", preset);
    Check.present("costMetric", costMetric);
    gates = List.copyOf(Check.present("gates", gates));
    if (gates.isEmpty()) {
      throw new InvalidFieldException("gates", gates, "[] must name at least one gate (full, on-demand)");
    }
    if (new HashSet<>(gates).size() != gates.size()) {
      throw InvalidFieldException.rejected("gates", gates, "contains a duplicate");
    }
    experts = List.copyOf(Check.present("experts", experts));
    gateExperts = List.copyOf(Check.present("gateExperts", gateExperts));
    lambdas = List.copyOf(Check.present("lambdas", lambdas));
    if (experts.isEmpty()) {
      throw new InvalidFieldException("experts", experts, "[] must name at least one expert");
    }
    if (new HashSet<>(experts).size() != experts.size()) {
      throw InvalidFieldException.rejected("experts", experts, "contains a duplicate");
    }
    if (gateExperts.isEmpty()) {
      throw new InvalidFieldException("gateExperts", gateExperts, "[] must name at least one expert");
    }
    Set<ModalitySet> known = Set.copyOf(experts);
    for (int i = 0; i < gateExperts.size(); i++) {
      if (!known.contains(gateExperts.get(i))) {
        throw new InvalidFieldException(
            "gateExperts[" + i + "]", gateExperts.get(i), "'" + gateExperts.get(i) + "' is not one of experts " + experts);
      }
    }
    if (new HashSet<>(gateExperts).size() != gateExperts.size()) {
      throw InvalidFieldException.rejected("gateExperts", gateExperts, "contains a duplicate");
    }
    if (lambdas.isEmpty()) {
      throw new InvalidFieldException("lambdas", lambdas, "[] must hold at least one value");
    }
    for (int i = 0; i < lambdas.size(); i++) {
      Check.nonNegative("lambdas[" + i + "]", lambdas.get(i));
    }
    Check.positive("epochsStageOne", epochsStageOne);
    Check.positive("epochsStageTwo", epochsStageTwo);
    Check.positive("tau0", tau0);
    Check.positive("tauMin", tauMin);
    if (tauMin > tau0) {
      throw InvalidFieldException.rejected("tauMin", tauMin, "must be <= tau0 (" + tau0 + ")");
    }
    Check.positive("batchSize", batchSize);
    Check.positive("patience", patience);
    Check.present("deploy", deploy);
    if (deploy instanceof DeployRule.ByLambda b && !lambdas.contains(b.lambda())) {
      throw InvalidFieldException.rejected("deployLambda", b.lambda(), "is not one of lambdas " + lambdas);
    }
  }

  /** Epochs planned in total: every expert in stage I plus every λ and gate in stage II (an upper bound). */
  public int plannedEpochs() {
    return experts.size() * epochsStageOne + lambdas.size() * epochsStageTwo * gates.size();
  }

  /** Whether stage II trains gate {@code g}. */
  public boolean trains(GateMode g) {
    return gates.contains(g);
  }

  /** Both gates, the on-demand one with the network state: the default. */
  public static final List<GateMode> ALL_GATES = List.of(GateMode.ON_DEMAND, GateMode.FULL);
}
