package io.isacemu.bench;

import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.GatedModel;
import io.isacemu.learning.TrainingResult;
import io.isacemu.learning.frontier.FrontierPoint;
import io.isacemu.learning.frontier.RoutingFrontier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link FrontierBenchmark}'s summary at the operating point: each method at "at most
 * {@code maxLoss} Acc-2 below fixed V+A+T", chosen on validation ({@link LossBudgetPick}), read on
 * test, as cost ratios to fixed V+A+T: device energy and bits (what the on-demand mode saves: text
 * first, video and audio sensed and sent only when chosen) and MEC FLOPs including the gate or the
 * cascade's decision (what the full mode saves). Random routing here is the exact expectation.
 */
final class BudgetSection {

  private BudgetSection() {}

  private static final List<String> MODES = List.of("on-demand", "full");

  /** One seed's points: both gates (their validation-chosen λ), the cascade and random routing. */
  static void record(SeedStats st, double maxLoss, RoutingFrontier test, RoutingFrontier valid,
      MultimodalSplit ts, MultimodalSplit vs, TrainingResult r) {
    FrontierPoint all = test.randomExpected(1);
    double validAll = valid.randomExpected(1).acc2();
    for (String mode : MODES) {
      List<TrainingResult.GateRun> runs = mode.equals("full") ? r.fullGated() : r.gated();
      List<FrontierPoint> vp = new ArrayList<>();
      for (TrainingResult.GateRun run : runs) {
        vp.add(point(valid, vs, mode, run.model()));
      }
      LossBudgetPick.Choice c = LossBudgetPick.gate(vp, validAll, maxLoss);
      FrontierPoint g = point(test, ts, mode, runs.get(c.index()).model());
      put(st, mode, g, all, g.megaFlops());
      st.s(mode + "|lambda").add(runs.get(c.index()).lambda());
      st.s(mode + "|met").add(c.met() ? 1 : 0);
      st.s(mode + "|cascadeLoss").add(all.acc2() - test.cascadeAtShare(g.shareExpensive()).acc2());
      st.s(mode + "|randomLoss").add(all.acc2() - test.randomExpected(g.shareExpensive()).acc2());
      st.s(mode + "|minusCascade").add(g.acc2() - test.cascadeAtShare(g.shareExpensive()).acc2());
    }
    double uc = LossBudgetPick.cascadeShare(valid, maxLoss);
    put(st, "cascade", test.cascadeAtShare(uc), all, test.cascadeAtShareWithDecision(uc).megaFlops());
    double ur = 1.0;
    for (int k = 0; k <= 100; k++) {
      if (valid.randomExpected(k / 100.0).acc2() >= validAll - maxLoss - 1e-12) {
        ur = k / 100.0;
        break;
      }
    }
    FrontierPoint rnd = test.randomExpected(ur);
    put(st, "random", rnd, all, rnd.megaFlops());
  }

  private static FrontierPoint point(RoutingFrontier f, MultimodalSplit split, String mode, GatedModel gm) {
    int[] choice = gm.choose(split, GateFeatures.none());
    return f.gate(mode, choice, gm.expertNames().indexOf("T"), gm.expertNames().indexOf("V+A+T"), gm.gateFlops());
  }

  private static void put(SeedStats st, String key, FrontierPoint p, FrontierPoint all, double megaFlops) {
    st.s(key + "|share").add(p.shareExpensive());
    st.s(key + "|loss").add(100 * (all.acc2() - p.acc2()));
    st.s(key + "|energy").add(p.meanCost().energyJoules() / all.meanCost().energyJoules());
    st.s(key + "|bits").add(p.meanCost().bits() / all.meanCost().bits());
    st.s(key + "|flops").add(megaFlops / all.megaFlops());
  }

  /** The section's Markdown, after the benchmark's tables. */
  static void print(SeedStats st, double maxLoss, int seeds) {
    String pp = String.format(Locale.ROOT, "%.1f", 100 * maxLoss);
    System.out.println();
    System.out.println("At ≤ " + pp + " pp Acc-2 loss vs fixed V+A+T, chosen on the validation split and read on "
        + "the test split (gates: the cheapest λ run within the bound on validation; cascade and random: the "
        + "smallest share within it on validation). Ratios are to fixed V+A+T; loss in pp (positive = worse):");
    System.out.println();
    System.out.println("| method | u (share on V+A+T) | Acc-2 loss pp | device energy ratio | bits ratio "
        + "| MEC FLOPs ratio (incl. gate / decision) | λ chosen | met on validation |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String m : List.of("on-demand", "full", "cascade", "random")) {
      boolean gate = MODES.contains(m);
      System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |", m,
          st.s(m + "|share").fmt("%.3f"), st.s(m + "|loss").fmt("%+.2f"), st.s(m + "|energy").fmt("%.3f"),
          st.s(m + "|bits").fmt("%.3f"), st.s(m + "|flops").fmt("%.3f"),
          gate ? st.s(m + "|lambda").fmt("%.2f") : "–",
          gate ? Math.round(st.s(m + "|met").sum()) + "/" + seeds : "–"));
    }
    System.out.println();
    System.out.println("Each gate's chosen run against the cascade and random routing at the gate's own test share "
        + "(paired over seeds; loss in Acc-2 points, gate − cascade in Acc-2):");
    System.out.println();
    System.out.println("| gate | gate loss pp | cascade loss pp | random loss pp | gate − cascade | verdict vs cascade |");
    System.out.println("|---|---|---|---|---|---|");
    for (String m : MODES) {
      System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", m,
          st.s(m + "|loss").fmt("%+.2f"), scaled(st.s(m + "|cascadeLoss")), scaled(st.s(m + "|randomLoss")),
          st.s(m + "|minusCascade").fmt("%+.3f"), FrontierBenchmark.judge(st.s(m + "|minusCascade"))));
    }
  }

  private static String scaled(SeedStats.Series s) {
    return String.format(Locale.ROOT, "%+.2f ± %.2f", 100 * s.mean(), 100 * s.halfWidth());
  }
}
