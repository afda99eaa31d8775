package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import ai.djl.engine.Engine;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark harness (not a test; see README for the command). Uses random MOSEI-shaped toy data
 * (T = 50, dims V 35 / A 74 / T 300); timings are wall-clock medians on this machine.
 *
 * <ol>
 *   <li>training throughput (samples/s) of the mosei-reference V+A+T expert, batch 32;
 *   <li>gated routing (60 % to text, 40 % to V+A+T) vs always-V+A+T on the same 256 samples, against
 *       the analytic FLOP ratio;
 *   <li>the gate's FLOPs relative to the cheapest expert.
 * </ol>
 */
public final class LearningBench {

  private static final Map<Modality, Integer> MOSEI = Map.of(Modality.VIDEO, 35, Modality.AUDIO, 74, Modality.TEXT, 300);

  private LearningBench() {}

  public static void main(String[] args) {
    int trainSamples = args.length > 0 ? Integer.parseInt(args[0]) : 320;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    System.out.printf("torch threads: %s%n", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    if (trainSamples > 0) {
      trainingThroughput(trainSamples);
    }
    routing(reps);
  }

  private static void trainingThroughput(int n) {
    ToySplit train = ToySplit.generate(n, 50, MOSEI, 1);
    ToySplit valid = ToySplit.generate(32, 50, MOSEI, 2);
    LearningConfig config = LearningConfig.builder()
        .preset(ArchitecturePreset.MOSEI_REFERENCE)
        .experts(List.of(ModalitySet.all()))
        .expertEpochs(2)
        .gateEpochs(1)
        .batchSize(32)
        .patience(5)
        .build();
    List<EpochReport> reports = new ArrayList<>();
    try (TrainingResult r = new TrainingJob(config, TestCosts.table(CostMetric.FLOPS), reports::add)
        .run(train, valid, GateFeatures.none())) {
      System.out.printf("stage I ran %d epochs%n", r.experts().get(0).epochsRun());
      for (EpochReport e : reports) {
        System.out.printf("train %-7s %-6s epoch %d: %.1f samples/s (%d samples, batch 32, T=50)%n",
            e.stage(), e.model(), e.epoch(), e.samplesPerSecond(), n);
      }
    }
  }

  private static void routing(int reps) {
    int n = 256;
    ToySplit batch = ToySplit.generate(n, 50, MOSEI, 3);
    ModelDescription d = new ModelDescription(
        ArchitecturePreset.moseiReference(), List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()),
        ModalitySet.all(), 0, MOSEI, SameSteps.of(MOSEI, 50), TaskLoss.L1, 0, TestCosts.table(CostMetric.FLOPS));
    ModelDescription onDemand = new ModelDescription(
        ArchitecturePreset.moseiReference(), d.experts(), ModalitySet.of(Modality.TEXT), 8, MOSEI, SameSteps.of(MOSEI, 50),
        TaskLoss.L1, 0, TestCosts.table(CostMetric.FLOPS));
    Engine.getInstance().setRandomSeed(1);
    try (GatedModel m = GatedModel.create(d); GatedModel od = GatedModel.create(onDemand)) {
      int[] mixed = new int[n];
      for (int i = 0; i < n; i++) {
        mixed[i] = (i * 7) % 5 < 3 ? 0 : 1; // 60 % text, interleaved
      }
      int[] allVat = new int[n];
      Arrays.fill(allVat, 1);
      GateFeatures state = (s, i) -> new float[8];
      // interleaved repetitions so that load from other processes hits every variant alike
      double[][] t = times(reps, List.of(() -> m.route(batch, allVat), () -> m.route(batch, mixed)));
      double[][] gt = times(reps, List.of(() -> m.choose(batch, GateFeatures.none()), () -> od.choose(batch, state)));
      double tVat = t[0][reps / 2];
      double tMixed = t[1][reps / 2];
      double tGate = gt[0][reps / 2];
      double tGateOd = gt[1][reps / 2];
      long fT = m.expertFlops(0);
      long fVat = m.expertFlops(1);
      double fMixed = 0.6 * fT + 0.4 * fVat;
      // per-sample cost of the V+A+T expert vs group size (PyTorch CPU is not linear in batch size)
      for (int g : new int[] {32, 64, 128, 256}) {
        ToySplit part = (ToySplit) batch.slice(0, g);
        int[] vat = new int[g];
        Arrays.fill(vat, 1);
        int[] txt = new int[g];
        double[][] tg = times(reps, List.of(() -> m.route(part, vat), () -> m.route(part, txt)));
        System.out.printf("group of %3d: V+A+T %.2f ms/sample, T %.2f ms/sample%n",
            g, tg[0][reps / 2] * 1e3 / g, tg[1][reps / 2] * 1e3 / g);
      }
      System.out.printf("FLOPs/sample: text expert %.3e, V+A+T expert %.3e, full gate %.3e, on-demand gate %.3e%n",
          (double) fT, (double) fVat, (double) m.gateFlops(), (double) od.gateFlops());
      System.out.printf("gate / cheapest expert FLOPs: full %.3f, on-demand(T + 8 state) %.3f%n",
          m.gateFlops() / (double) fT, od.gateFlops() / (double) fT);
      System.out.printf("inference %d samples: always V+A+T %.1f ms, routed 60%% T %.1f ms -> speed-up %.2fx (FLOP ratio %.2fx)%n",
          n, tVat * 1e3, tMixed * 1e3, tVat / tMixed, fVat / fMixed);
      System.out.printf("gate time %d samples: full %.1f ms, on-demand %.1f ms; speed-up incl. gate %.2fx full / %.2fx on-demand "
              + "(FLOP ratio %.2fx / %.2fx)%n",
          n, tGate * 1e3, tGateOd * 1e3, tVat / (tMixed + tGate), tVat / (tMixed + tGateOd),
          fVat / (fMixed + m.gateFlops()), fVat / (fMixed + od.gateFlops()));
    }
  }

  /** Per variant the sorted wall-clock seconds of {@code reps} interleaved runs, after one warm-up each. */
  private static double[][] times(int reps, List<Runnable> variants) {
    variants.forEach(Runnable::run);
    double[][] t = new double[variants.size()][reps];
    for (int i = 0; i < reps; i++) {
      for (int v = 0; v < variants.size(); v++) {
        long t0 = System.nanoTime();
        variants.get(v).run();
        t[v][i] = (System.nanoTime() - t0) / 1e9;
      }
    }
    for (double[] row : t) {
      Arrays.sort(row);
    }
    return t;
  }
}
