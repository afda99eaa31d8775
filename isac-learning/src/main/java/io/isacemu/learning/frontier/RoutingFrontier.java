package io.isacemu.learning.frontier;

import io.isacemu.core.validation.Check;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.metrics.SentimentMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Accuracy-vs-cost frontiers of routings between a cheap expert {@code T} and an expensive expert
 * {@code E} (e.g. V+A+T) on one split, from each expert's per-sample predictions: every routing
 * {@code r(i) ∈ {T, E}} yields the prediction {@code ŷ_{r(i)}(i)} (what gated inference computes:
 * only the chosen expert runs), scored by Acc-2 ({@link SentimentMetrics#acc2HasZero()}) and the mean
 * per-sample cost {@code (1/N) Σ_i C_{r(i)}(i)}.
 *
 * <p>Baselines: the confidence cascade ({@code E} iff {@code |ŷ_T(i)| ≤ θ}; at a share, the {@code k
 * = round(u·N)} least confident samples), random routing (exact expectation under {@code r(i) = E}
 * with probability {@code u}, or one seeded draw of exactly {@code k} samples), the evidence-group
 * oracle (E exactly for the samples not decided by text alone) and the cheapest-correct oracle ({@code
 * E} iff {@code T} is wrong and {@code E} right; at a share, gain samples first, then samples where
 * both agree, then those {@code E} gets wrong: the best any router can do with {@code k} samples on
 * {@code E}). Ties in a ranking are broken by sample index.
 */
public final class RoutingFrontier {

  private final float[] labels;
  private final float[] cheapPredictions;
  private final float[] expensivePredictions;
  private final List<GateExpertCost> cheapCosts;
  private final List<GateExpertCost> expensiveCosts;

  /**
   * @param labels per sample the label, finite
   * @param cheapPredictions per sample {@code ŷ_T}, finite, same length
   * @param expensivePredictions per sample {@code ŷ_E}, finite, same length
   * @param cheapCosts per sample the cost of running {@code T} on it, same length
   * @param expensiveCosts per sample the cost of running {@code E} on it, same length
   */
  public RoutingFrontier(
      float[] labels, float[] cheapPredictions, float[] expensivePredictions,
      List<GateExpertCost> cheapCosts, List<GateExpertCost> expensiveCosts) {
    this.labels = FrontierInputs.finiteCopy("labels", Check.present("labels", labels));
    int n = labels.length;
    if (n == 0) {
      throw new IllegalArgumentException("labels: length 0; a frontier needs at least one sample");
    }
    this.cheapPredictions =
        FrontierInputs.finiteCopy("cheapPredictions", FrontierInputs.sameLength("cheapPredictions", cheapPredictions, n));
    this.expensivePredictions =
        FrontierInputs.finiteCopy("expensivePredictions", FrontierInputs.sameLength("expensivePredictions", expensivePredictions, n));
    this.cheapCosts = FrontierInputs.costs("cheapCosts", cheapCosts, n);
    this.expensiveCosts = FrontierInputs.costs("expensiveCosts", expensiveCosts, n);
  }

  /** A frontier where every sample costs the same per expert (e.g. a {@code GateCostTable}'s means). */
  public static RoutingFrontier withFixedCosts(
      float[] labels, float[] cheapPredictions, float[] expensivePredictions,
      GateExpertCost cheapCost, GateExpertCost expensiveCost) {
    Check.present("labels", labels);
    Check.present("cheapCost", cheapCost);
    Check.present("expensiveCost", expensiveCost);
    return new RoutingFrontier(labels, cheapPredictions, expensivePredictions,
        java.util.Collections.nCopies(labels.length, cheapCost),
        java.util.Collections.nCopies(labels.length, expensiveCost));
  }

  /** Number of samples {@code N}. */
  public int size() {
    return labels.length;
  }

  /** The routing {@code toExpensive[i]} ({@code true}: {@code E} runs on sample {@code i}), scored. */
  public FrontierPoint evaluate(String method, boolean[] toExpensive) {
    Check.present("method", method);
    FrontierInputs.sameLength("toExpensive", toExpensive, size());
    int n = size();
    float[] routed = new float[n];
    double lat = 0;
    double energy = 0;
    double bits = 0;
    double flops = 0;
    int onE = 0;
    for (int i = 0; i < n; i++) {
      GateExpertCost c = toExpensive[i] ? expensiveCosts.get(i) : cheapCosts.get(i);
      routed[i] = toExpensive[i] ? expensivePredictions[i] : cheapPredictions[i];
      lat += c.latencySeconds();
      energy += c.energyJoules();
      bits += c.bits();
      flops += c.flops();
      onE += toExpensive[i] ? 1 : 0;
    }
    double acc = SentimentMetrics.compute(labels, routed).acc2HasZero();
    return new FrontierPoint(method, onE / (double) n, acc,
        new GateExpertCost(lat / n, energy / n, bits / n, flops / n));
  }

  /**
   * A learned gate's routing: {@code choice[i]} is an expert index as {@link
   * io.isacemu.learning.GatedModel#choose} returns it, each either {@code cheapIndex} or {@code
   * expensiveIndex}.
   */
  public FrontierPoint gate(String method, int[] choice, int cheapIndex, int expensiveIndex) {
    return gate(method, choice, cheapIndex, expensiveIndex, 0);
  }

  /**
   * Like {@link #gate(String, int[], int, int)}, the gate's own FLOPs per sample ({@code
   * gateFlopsPerSample ≥ 0}, run on every sample) added to the mean FLOPs.
   */
  public FrontierPoint gate(String method, int[] choice, int cheapIndex, int expensiveIndex, double gateFlopsPerSample) {
    Check.nonNegative("gateFlopsPerSample", gateFlopsPerSample);
    FrontierInputs.sameLength("choice", choice, size());
    if (cheapIndex == expensiveIndex) {
      throw new IllegalArgumentException("expensiveIndex: " + expensiveIndex + " equals cheapIndex");
    }
    boolean[] toE = new boolean[choice.length];
    for (int i = 0; i < choice.length; i++) {
      if (choice[i] != cheapIndex && choice[i] != expensiveIndex) {
        throw new IllegalArgumentException("choice[" + i + "]: " + choice[i] + " is neither cheapIndex "
            + cheapIndex + " nor expensiveIndex " + expensiveIndex);
      }
      toE[i] = choice[i] == expensiveIndex;
    }
    return plusFlops(evaluate(method, toE), gateFlopsPerSample);
  }

  /**
   * What a cascade really computes at share {@code u}: {@link #cascadeAtShare} plus, on the samples it
   * escalates, the cheap expert's FLOPs it ran to decide ({@code C̄ = (1−u)·C_T + u·(C_E + F_T)} in
   * FLOPs; the text's bits, energy and latency are already part of {@code C_E}, which reads it too).
   */
  public FrontierPoint cascadeAtShareWithDecision(double share) {
    FrontierPoint p = cascadeAtShare(share);
    double extra = 0;
    boolean[] toE = cascadeRouting(count(share));
    for (int i = 0; i < toE.length; i++) {
      extra += toE[i] ? cheapCosts.get(i).flops() : 0;
    }
    return plusFlops(p, extra / size());
  }

  private static FrontierPoint plusFlops(FrontierPoint p, double flops) {
    GateExpertCost c = p.meanCost();
    return new FrontierPoint(p.method(), p.shareExpensive(), p.acc2(),
        new GateExpertCost(c.latencySeconds(), c.energyJoules(), c.bits(), c.flops() + flops));
  }

  /** The confidence cascade at threshold {@code θ}: {@code T} when {@code |ŷ_T| > θ}, else {@code E}. */
  public FrontierPoint cascade(double thresholdAbs) {
    Check.finite("thresholdAbs", thresholdAbs);
    boolean[] toE = new boolean[size()];
    for (int i = 0; i < toE.length; i++) {
      toE[i] = Math.abs(cheapPredictions[i]) <= thresholdAbs;
    }
    return evaluate("cascade", toE);
  }

  /**
   * The cascade swept over every threshold that changes its routing: {@code θ = −1} (all {@code T})
   * and each distinct {@code |ŷ_T(i)|} ascending (the last routes all to {@code E}); shares ascending.
   */
  public List<FrontierPoint> cascadeSweep() {
    double[] thresholds = IntStream.range(0, size()).mapToDouble(i -> Math.abs(cheapPredictions[i]))
        .distinct().sorted().toArray();
    List<FrontierPoint> out = new ArrayList<>();
    out.add(cascade(-1));
    for (double t : thresholds) {
      out.add(cascade(t));
    }
    return out;
  }

  /** The cascade at share {@code u}: the {@code round(u·N)} samples of lowest {@code |ŷ_T|} go to {@code E}. */
  public FrontierPoint cascadeAtShare(double share) {
    return evaluate("cascade", cascadeRouting(count(share)));
  }

  private boolean[] cascadeRouting(int k) {
    return topK(k, Comparator.comparingDouble(i -> Math.abs(cheapPredictions[i])));
  }

  /**
   * Random routing at share {@code u}, exact expectation over {@code r(i) = E} with probability
   * {@code u} independently: {@code Acc = (1−u)·Acc_T + u·Acc_E}, {@code C = (1−u)·C̄_T + u·C̄_E}.
   */
  public FrontierPoint randomExpected(double share) {
    Check.inRange("share", share, 0, 1);
    FrontierPoint allT = evaluate("T", new boolean[size()]);
    boolean[] all = new boolean[size()];
    Arrays.fill(all, true);
    FrontierPoint allE = evaluate("E", all);
    GateExpertCost t = allT.meanCost();
    GateExpertCost e = allE.meanCost();
    double v = 1 - share;
    return new FrontierPoint("random", share, clamp01(v * allT.acc2() + share * allE.acc2()), new GateExpertCost(
        v * t.latencySeconds() + share * e.latencySeconds(), v * t.energyJoules() + share * e.energyJoules(),
        v * t.bits() + share * e.bits(), v * t.flops() + share * e.flops()));
  }

  /** One seeded random routing: exactly {@code round(u·N)} samples, drawn by a Fisher–Yates shuffle, go to {@code E}. */
  public FrontierPoint randomDraw(double share, long seed) {
    int k = count(share);
    int[] perm = IntStream.range(0, size()).toArray();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    boolean[] toE = new boolean[size()];
    for (int i = 0; i < k; i++) {
      toE[perm[i]] = true;
    }
    return evaluate("random (draw)", toE);
  }

  /**
   * The evidence-group oracle: {@code T} exactly for the samples decided by text alone ({@code
   * textDecisive[i]}), {@code E} for the others.
   */
  public FrontierPoint groupOracle(boolean[] textDecisive) {
    FrontierInputs.sameLength("textDecisive", textDecisive, size());
    boolean[] toE = new boolean[size()];
    for (int i = 0; i < toE.length; i++) {
      toE[i] = !textDecisive[i];
    }
    return evaluate("oracle (groups)", toE);
  }

  /** The cheapest-correct oracle: {@code E} iff {@code T} is wrong and {@code E} right (Acc-2 sense). */
  public FrontierPoint cheapestCorrectOracle() {
    boolean[] toE = new boolean[size()];
    for (int i = 0; i < toE.length; i++) {
      toE[i] = !correct(cheapPredictions, i) && correct(expensivePredictions, i);
    }
    return evaluate("oracle (cheapest correct)", toE);
  }

  /**
   * The cheapest-correct oracle forced to share {@code u}: the {@code round(u·N)} samples sent to
   * {@code E} are those where only {@code E} is right first, then those where both agree, then those
   * where only {@code T} is right — the highest Acc-2 of any routing with that many samples on {@code E}.
   */
  public FrontierPoint oracleAtShare(double share) {
    // rank: 0 = gain (only E right), 1 = neutral, 2 = loss (only T right)
    return evaluate("oracle (cheapest correct)", topK(count(share), Comparator.comparingInt(i -> {
      boolean t = correct(cheapPredictions, i);
      boolean e = correct(expensivePredictions, i);
      return t == e ? 1 : e ? 0 : 2;
    })));
  }

  /** The routing that sends the first {@code k} samples in {@code order} (ties by index) to {@code E}. */
  private boolean[] topK(int k, Comparator<Integer> order) {
    Integer[] idx = IntStream.range(0, size()).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, order.thenComparingInt(i -> i));
    boolean[] toE = new boolean[size()];
    for (int i = 0; i < k; i++) {
      toE[idx[i]] = true;
    }
    return toE;
  }

  private int count(double share) {
    Check.inRange("share", share, 0, 1);
    return (int) Math.round(share * size());
  }

  private boolean correct(float[] predictions, int i) {
    return (labels[i] >= 0) == (predictions[i] >= 0);
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
