package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Offline λ sweep of both gates (README "Gates"): one job on the synthetic MOSEI-shaped set (demo
 * preset), stage II per λ for the on-demand gate (text + network state, state-dependent costs) and
 * the full gate (every modality, mean costs); test rows priced per sample in its drawn state; then
 * the on-demand gate's routing with every test sample put in a good-SNR vs a bad-SNR state (same
 * text). Not a test: run by hand.
 *
 * <p>Args: {@code [epochs=5] [metric=latency] [lambdas=0,0.5,1,2,4] [seed=7]}.
 */
public final class GateSweep {

  /** Video/audio devices near the BS (γ₁ 55 dB), text 50 dB, the whole band free. */
  static final NetworkState GOOD = new NetworkState(
      Map.of(Modality.VIDEO, 55.0, Modality.AUDIO, 55.0, Modality.TEXT, 50.0), 1.0);
  /** The same text device; video and audio at the cell edge (γ₁ 8 dB). */
  static final NetworkState BAD = new NetworkState(
      Map.of(Modality.VIDEO, 8.0, Modality.AUDIO, 8.0, Modality.TEXT, 50.0), 1.0);

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    CostMetric metric = args.length > 1 ? CostMetric.parse(args[1]) : CostMetric.LATENCY;
    List<Double> lambdas = new ArrayList<>();
    for (String l : (args.length > 2 ? args[2] : "0,0.5,1,2,4").split(",")) {
      lambdas.add(Double.parseDouble(l));
    }
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
    MultimodalDataset data = SyntheticDataset.generate(
        SyntheticConfig.defaults().withSeed(seed).withSizes(1200, 300, 600).withSequenceLength(20));
    Map<Modality, Integer> dims = new EnumMap<>(Modality.class);
    for (Modality m : data.train().modalities()) {
      dims.put(m, data.train().featureDim(m));
    }
    List<ModalitySet> experts = List.of(ModalitySet.parse("T"), ModalitySet.parse("V+A+T"));
    ArchitecturePreset preset = ArchitecturePreset.demo();
    Map<Modality, Integer> steps = data.train().sequenceLengths(dims.keySet());
    GateCostTable mean = SystemCosts.of(preset, experts, dims, steps, seed, metric);
    StateCosts states = StateCosts.draw(preset, experts, dims, steps, 512, seed, metric);
    LearningConfig cfg = LearningConfig.builder().preset(preset).experts(experts)
        .onDemandGate(ModalitySet.of(Modality.TEXT), NetworkState.DIM).alsoFullGate(true)
        .expertEpochs(epochs).gateEpochs(epochs).lambdas(lambdas).seed(seed).build();
    long t0 = System.nanoTime();
    try (TrainingResult r = new TrainingJob(cfg, mean, e -> { }).run(data.train(), data.valid(), states)) {
      System.out.printf(Locale.ROOT, "trained in %.0f s; C = %s; test split %d samples%n",
          (System.nanoTime() - t0) / 1e9, metric, data.test().size());
      System.out.println("| gate | λ | Acc-2 | latency ms | energy mJ | kbit | T share | V+A+T share | T share good SNR | T share bad SNR |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      MultimodalSplit test = data.test();
      GatedModel any = r.gated().get(0).model();
      for (int i = 0; i < experts.size(); i++) {
        int[] fixed = new int[test.size()];
        java.util.Arrays.fill(fixed, i);
        var m = io.isacemu.learning.metrics.SentimentMetrics.compute(SplitTensors.labels(test), any.expertPredict(i, test));
        var c = states.routing(fixed, test, any.expertNames(), any.expertNames()).expected();
        System.out.printf(Locale.ROOT, "| %s alone | – | %.3f | %.1f | %.2f | %.1f | | | | |%n", experts.get(i).name(),
            m.acc2HasZero(), c.latencySeconds() * 1e3, c.energyJoules() * 1e3, c.bits() / 1e3);
      }
      for (int k = 0; k < lambdas.size(); k++) {
        GatedModel cheap = r.gated().get(k).model();
        row("on-demand", lambdas.get(k), cheap.evaluate(test, states),
            share(cheap.choose(test, (s, i) -> GOOD.vector())), share(cheap.choose(test, (s, i) -> BAD.vector())));
        GatedModel full = r.fullGated().get(k).model();
        GatedEvaluation fe = full.evaluate(test, GateFeatures.none());
        int[] fc = full.choose(test, GateFeatures.none());
        row("full", lambdas.get(k), new GatedEvaluation(fe.metrics(), states.routing(fc, test, full.expertNames(),
            full.expertNames()), fe.taskLoss(), fe.objective()), Double.NaN, Double.NaN);
      }
    }
  }

  private static double share(int[] choice) {
    return java.util.Arrays.stream(choice).filter(c -> c == 0).count() / (double) choice.length;
  }

  private static void row(String gate, double lambda, GatedEvaluation e, double good, double bad) {
    var c = e.routing().expected();
    System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.1f | %.2f | %.1f | %.2f | %.2f | %s | %s |%n", gate, lambda,
        e.metrics().acc2HasZero(), c.latencySeconds() * 1e3, c.energyJoules() * 1e3, c.bits() / 1e3,
        e.routing().usageShares().get("T"), e.routing().usageShares().get("V+A+T"),
        Double.isNaN(good) ? "–" : String.format(Locale.ROOT, "%.2f", good),
        Double.isNaN(bad) ? "–" : String.format(Locale.ROOT, "%.2f", bad));
  }
}
