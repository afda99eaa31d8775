package io.isacemu.bench;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.data.synthetic.SyntheticProfile;
import io.isacemu.learning.ArchitecturePreset;
import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.GatedModel;
import io.isacemu.learning.LearningConfig;
import io.isacemu.learning.SystemCosts;
import io.isacemu.learning.TrainingJob;
import io.isacemu.learning.TrainingResult;
import io.isacemu.learning.frontier.EvidenceGroups;
import io.isacemu.learning.frontier.FrontierPoint;
import io.isacemu.learning.frontier.RoutingFrontier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Issue 12's frontiers: per training seed, stage I (T and V+A+T experts) and stage II (per λ the
 * on-demand gate — text only, no network state, mean cost table — and the full gate) on the default
 * synthetic profile at a small size; then, on the test split, Acc-2 vs cost of the confidence
 * cascade, random routing (exact expectation), the cheapest-correct oracle (at every share) and the
 * evidence-group oracle, against each learned gate at the gate's own share. Mean ± 95 % CI over seeds
 * (Student t, {@code n − 1} degrees of freedom). Prints Markdown; a plain main, not a JMH benchmark.
 *
 * <p>Args, {@code key=value}: {@code seeds=5 seed0=7 train=300 valid=100 test=300 steps=10 epochs=4
 * lambdas=0.1,0.3,0.6,1 metric=flops profile=default maxLoss=0.01}; {@code profile} is a {@link
 * SyntheticProfile} ({@code default} or {@code paper}); {@code maxLoss} the Acc-2 loss vs fixed
 * V+A+T of the {@link BudgetSection} operating points, chosen on validation.
 */
public final class FrontierBenchmark {

  private FrontierBenchmark() {}

  private static final SeedStats STATS = new SeedStats();

  private static SeedStats.Series s(String key) {
    return STATS.s(key);
  }

  public static void main(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("argument: '" + arg + "' is not key=value");
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int seeds = Integer.parseInt(a.getOrDefault("seeds", "5"));
    long seed0 = Long.parseLong(a.getOrDefault("seed0", "7"));
    int train = Integer.parseInt(a.getOrDefault("train", "300"));
    int valid = Integer.parseInt(a.getOrDefault("valid", "100"));
    int test = Integer.parseInt(a.getOrDefault("test", "300"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "10"));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "4"));
    CostMetric metric = CostMetric.parse(a.getOrDefault("metric", "flops"));
    SyntheticProfile profile = SyntheticProfile.parse(a.getOrDefault("profile", "default"));
    double maxLoss = Double.parseDouble(a.getOrDefault("maxLoss", "0.01"));
    List<Double> lambdas = new ArrayList<>();
    for (String l : a.getOrDefault("lambdas", "0.1,0.3,0.6,1").split(",")) {
      lambdas.add(Double.parseDouble(l));
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds: " + seeds + " must be >= 1");
    }
    double[] grid = new double[11];
    for (int g = 0; g <= 10; g++) {
      grid[g] = g / 10.0;
    }
    List<ModalitySet> experts = List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T"));
    ArchitecturePreset preset = ArchitecturePreset.demo();
    long start = System.nanoTime();
    GateExpertCost ct = null;
    GateExpertCost ce = null;
    double onDemandGateFlops = 0;
    double fullGateFlops = 0;
    for (int k = 0; k < seeds; k++) {
      long seed = seed0 + k;
      long t0 = System.nanoTime();
      MultimodalDataset data = SyntheticDataset.generate(profile.config().withSeed(seed)
          .withSizes(train, valid, test).withSequenceLength(steps));
      Map<Modality, Integer> dims = new EnumMap<>(Modality.class);
      for (Modality m : data.train().modalities()) {
        dims.put(m, data.train().featureDim(m));
      }
      GateCostTable costs = SystemCosts.of(preset, experts, dims, data.train().sequenceLengths(dims.keySet()), seed, metric);
      LearningConfig cfg = LearningConfig.builder().preset(preset).experts(experts)
          .onDemandGate(ModalitySet.of(Modality.TEXT), 0).alsoFullGate(true)
          .expertEpochs(epochs).gateEpochs(epochs).patience(epochs).lambdas(lambdas).seed(seed).build();
      try (TrainingResult r = new TrainingJob(cfg, costs, e -> { }).run(data.train(), data.valid(), GateFeatures.none())) {
        MultimodalSplit ts = data.test();
        GatedModel any = r.gated().get(0).model();
        float[] y = new float[ts.size()];
        for (int i = 0; i < y.length; i++) {
          y[i] = ts.label(i);
        }
        ct = costs.of("T");
        ce = costs.of("V+A+T");
        RoutingFrontier f = RoutingFrontier.withFixedCosts(y, any.expertPredict(0, ts), any.expertPredict(1, ts), ct, ce);
        s("T alone").add(f.randomExpected(0).acc2());
        s("V+A+T alone").add(f.randomExpected(1).acc2());
        for (double u : grid) {
          s("cascade@" + u).add(f.cascadeAtShare(u).acc2());
          s("cascadeFlops@" + u).add(f.cascadeAtShareWithDecision(u).megaFlops());
          s("random@" + u).add(f.randomExpected(u).acc2());
          s("oracle@" + u).add(f.oracleAtShare(u).acc2());
        }
        FrontierPoint group = f.groupOracle(EvidenceGroups.textDecisive(ts));
        s("group.share").add(group.shareExpensive());
        s("group.acc").add(group.acc2());
        FrontierPoint cc = f.cheapestCorrectOracle();
        s("cc.share").add(cc.shareExpensive());
        s("cc.acc").add(cc.acc2());
        onDemandGateFlops = r.gated().get(0).model().gateFlops();
        fullGateFlops = r.fullGated().get(0).model().gateFlops();
        for (int l = 0; l < lambdas.size(); l++) {
          gateRow(f, ts, "on-demand", lambdas.get(l), r.gated().get(l).model());
          gateRow(f, ts, "full", lambdas.get(l), r.fullGated().get(l).model());
        }
        MultimodalSplit vs = data.valid();
        float[] yv = new float[vs.size()];
        for (int i = 0; i < yv.length; i++) {
          yv[i] = vs.label(i);
        }
        RoutingFrontier fv = RoutingFrontier.withFixedCosts(yv, any.expertPredict(0, vs), any.expertPredict(1, vs), ct, ce);
        BudgetSection.record(STATS, maxLoss, f, fv, ts, vs, r);
      }
      System.err.printf(Locale.ROOT, "seed %d done in %.0f s%n", seed, (System.nanoTime() - t0) / 1e9);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    print(seeds, seed0, train, valid, test, steps, epochs, metric, lambdas, grid, ct, ce, onDemandGateFlops,
        fullGateFlops, wall, profile);
    BudgetSection.print(STATS, maxLoss, seeds);
  }

  /** A learned gate at its own share u, and every baseline at the same u (paired over the seed). */
  private static void gateRow(RoutingFrontier f, MultimodalSplit ts, String mode, double lambda, GatedModel gm) {
    int[] choice = gm.choose(ts, GateFeatures.none());
    int cheap = gm.expertNames().indexOf("T");
    int dear = gm.expertNames().indexOf("V+A+T");
    FrontierPoint g = f.gate(mode, choice, cheap, dear, gm.gateFlops());
    double u = g.shareExpensive();
    FrontierPoint c = f.cascadeAtShare(u);
    FrontierPoint rnd = f.randomExpected(u);
    FrontierPoint o = f.oracleAtShare(u);
    String key = mode + "|" + lambda + "|";
    s(key + "share").add(u);
    s(key + "acc").add(g.acc2());
    s(key + "cascade").add(c.acc2());
    s(key + "random").add(rnd.acc2());
    s(key + "oracle").add(o.acc2());
    s(key + "minusCascade").add(g.acc2() - c.acc2());
    s(key + "minusRandom").add(g.acc2() - rnd.acc2());
    s(key + "flops").add(g.megaFlops());
    s(key + "cascadeFlops").add(f.cascadeAtShareWithDecision(u).megaFlops());
    s(key + "energy").add(g.meanCost().energyJoules() * 1e3);
    s(key + "kbit").add(g.meanCost().bits() / 1e3);
    s(key + "belowCascade").add(g.acc2() < c.acc2() ? 1 : 0);
    s(key + "belowRandom").add(g.acc2() < rnd.acc2() ? 1 : 0);
  }

  private static void print(int seeds, long seed0, int train, int valid, int test, int steps, int epochs,
      CostMetric metric, List<Double> lambdas, double[] grid, GateExpertCost ct, GateExpertCost ce,
      double onDemandGateFlops, double fullGateFlops, double wall, SyntheticProfile profile) {
    PrintStreamTable out = new PrintStreamTable();
    out.line(String.format(Locale.ROOT, "Frontier benchmark: %d seeds (%d..%d), synthetic %s profile, "
        + "%d/%d/%d samples, T = %d, demo preset, %d epochs per stage, λ = %s, gate loss on C = %s; "
        + "wall %.0f s. Test split; mean ± 95 %% CI (Student t, %d df).", seeds, seed0, seed0 + seeds - 1,
        profile.wireName(),
        train, valid, test, steps, epochs, lambdas, metric.name().toLowerCase(Locale.ROOT), wall, seeds - 1));
    out.line("");
    out.line(String.format(Locale.ROOT, "Per-sample costs (mean over the scenario frames, last seed): T %.3f MFLOPs, "
        + "%.4f mJ, %.3f kbit; V+A+T %.3f MFLOPs, %.3f mJ, %.3f kbit; gate FLOPs per sample: on-demand %.3f M, full %.3f M.",
        ct.flops() / 1e6, ct.energyJoules() * 1e3, ct.bits() / 1e3, ce.flops() / 1e6, ce.energyJoules() * 1e3,
        ce.bits() / 1e3, onDemandGateFlops / 1e6, fullGateFlops / 1e6));
    out.line("");
    out.line("| expert alone | Acc-2 |");
    out.line("|---|---|");
    out.line("| T | " + s("T alone").fmt("%.3f") + " |");
    out.line("| V+A+T | " + s("V+A+T alone").fmt("%.3f") + " |");
    out.line("");
    out.line("Baselines at matched shares u = share of samples on V+A+T (cost of the routed experts: "
        + "(1−u)·C_T + u·C_E; the cascade's MFLOPs add T's FLOPs on the escalated samples):");
    out.line("");
    out.line("| u | cascade Acc-2 | random Acc-2 | oracle (cheapest correct) Acc-2 | MFLOPs | cascade MFLOPs | energy mJ | kbit |");
    out.line("|---|---|---|---|---|---|---|---|");
    for (double u : grid) {
      out.line(String.format(Locale.ROOT, "| %.1f | %s | %s | %s | %.3f | %s | %.2f | %.3f |", u,
          s("cascade@" + u).fmt("%.3f"), s("random@" + u).fmt("%.3f"), s("oracle@" + u).fmt("%.3f"),
          ((1 - u) * ct.flops() + u * ce.flops()) / 1e6, s("cascadeFlops@" + u).fmt("%.3f"),
          ((1 - u) * ct.energyJoules() + u * ce.energyJoules()) * 1e3, ((1 - u) * ct.bits() + u * ce.bits()) / 1e3));
    }
    out.line("");
    out.line("| oracle | u (share on V+A+T) | Acc-2 |");
    out.line("|---|---|---|");
    out.line("| evidence groups (T exactly for the text-decisive samples) | " + s("group.share").fmt("%.3f") + " | "
        + s("group.acc").fmt("%.3f") + " |");
    out.line("| cheapest correct (V+A+T iff T wrong and V+A+T right) | " + s("cc.share").fmt("%.3f") + " | "
        + s("cc.acc").fmt("%.3f") + " |");
    out.line("");
    out.line("Learned gates at their own share u, every baseline at the same u on the same seed "
        + "(gate − baseline paired over seeds; 'below' = seeds where the gate's Acc-2 is lower):");
    out.line("");
    out.line("| gate | λ | u | gate Acc-2 | cascade Acc-2 | random Acc-2 | oracle Acc-2 | gate − cascade | gate − random "
        + "| below cascade | below random | MFLOPs (incl. gate) | cascade MFLOPs | energy mJ | kbit |");
    out.line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    List<String> verdict = new ArrayList<>();
    for (String mode : List.of("on-demand", "full")) {
      for (double l : lambdas) {
        String k = mode + "|" + l + "|";
        Function<String, String> f3 = x -> s(k + x).fmt("%.3f");
        int belowC = (int) Math.round(s(k + "belowCascade").sum());
        int belowR = (int) Math.round(s(k + "belowRandom").sum());
        out.line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d/%d | %d/%d | %s | %s | %s | %s |",
            mode, l, f3.apply("share"), f3.apply("acc"), f3.apply("cascade"), f3.apply("random"), f3.apply("oracle"),
            s(k + "minusCascade").fmt("%+.3f"), s(k + "minusRandom").fmt("%+.3f"), belowC, seeds, belowR, seeds,
            f3.apply("flops"), f3.apply("cascadeFlops"), s(k + "energy").fmt("%.2f"), f3.apply("kbit")));
        SeedStats.Series dc = s(k + "minusCascade");
        SeedStats.Series dr = s(k + "minusRandom");
        verdict.add(String.format(Locale.ROOT, "%s λ=%s: vs cascade %s, vs random %s", mode, l,
            judge(dc), judge(dr)));
      }
    }
    out.line("");
    out.line("Verdict per gate and λ (mean paired difference; 'significantly' = the 95 % CI excludes 0):");
    out.line("");
    for (String v : verdict) {
      out.line("* " + v);
    }
  }

  static String judge(SeedStats.Series d) {
    double m = d.mean();
    double h = d.halfWidth();
    if (Double.isFinite(h) && m - h > 0) {
      return "above (significantly)";
    }
    if (Double.isFinite(h) && m + h < 0) {
      return "BELOW (significantly)";
    }
    return m >= 0 ? "on/above (not significant)" : "below (not significant)";
  }

  /** Markdown lines to stdout. */
  private static final class PrintStreamTable {
    void line(String s) {
      System.out.println(s);
    }
  }
}
