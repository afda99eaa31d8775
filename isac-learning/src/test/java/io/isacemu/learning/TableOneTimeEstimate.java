package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark main (not a test; command in README): how long a full Table I job takes at CMU-MOSEI
 * size on this machine, estimated from a short run of the same {@link TrainingJob} the training
 * service runs, on random MOSEI-shaped data (T = 50, d = 35/74/300), the {@code mosei-reference}
 * architecture and batch 32.
 *
 * <p>Per model (each stage-I expert, each stage-II gate) the run gives the training throughput
 * {@code r} (samples/s, {@link EpochReport#samplesPerSecond()}, epochs after the first, which warms
 * up) and the wall time {@code w} of a whole epoch (training + validation, between two reports). An
 * epoch at size (N, V) is modelled as {@code N/r + V·e}, with the per-sample validation time {@code e
 * = (w − n/r)/v} measured at the run's size (n, v). The job estimate is then {@code Σ_experts E₁·(N/r
 * + V·e) + gates·λs·E₂·(N/r + V·e)} at MOSEI's N = 16 326, V = 1 871 and the preset's caps E₁ = 20,
 * E₂ = 10, i.e. every run at its epoch cap (early stopping only shortens it). Inference samples/s is
 * the validation rate {@code 1/e} of the V+A+T expert.
 */
public final class TableOneTimeEstimate {

  private static final Map<Modality, Integer> MOSEI = Map.of(Modality.VIDEO, 35, Modality.AUDIO, 74, Modality.TEXT, 300);
  private static final int MOSEI_TRAIN = 16_326;
  private static final int MOSEI_VALID = 1_871;
  private static final int EPOCHS_ONE = 20;
  private static final int EPOCHS_TWO = 10;
  /** The training service's default job: both gates, five λ values. */
  private static final int GATES = 2;
  private static final int LAMBDAS = 5;

  private TableOneTimeEstimate() {}

  /** Toy costs (they change which expert the gate picks, not how long an epoch takes). */
  private static GateCostTable costs() {
    return new GateCostTable(Map.of(
        "V", new GateExpertCost(0.05, 0.5, 5e3, 5e6), "A", new GateExpertCost(0.04, 0.4, 4e3, 4e6),
        "T", new GateExpertCost(0.01, 0.1, 1e3, 1e6), "V+A+T", new GateExpertCost(0.1, 1.0, 1e4, 1e7)),
        CostMetric.ENERGY);
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 320;
    int v = args.length > 1 ? Integer.parseInt(args[1]) : 96;
    ToySplit train = ToySplit.generate(n, 50, MOSEI, 1);
    ToySplit valid = ToySplit.generate(v, 50, MOSEI, 2);
    List<ModalitySet> experts = args.length > 2
        ? java.util.Arrays.stream(args[2].split(",")).map(ModalitySet::parse).toList()
        : List.of(ModalitySet.parse("V"), ModalitySet.parse("A"), ModalitySet.parse("T"), ModalitySet.all());
    LearningConfig config = LearningConfig.builder()
        .preset(ArchitecturePreset.MOSEI_REFERENCE)
        .experts(experts)
        .gateExperts(List.of(ModalitySet.parse("T"), ModalitySet.all()))
        .onDemandGate(ModalitySet.parse("T"), 8)
        .alsoFullGate(true)
        .expertEpochs(2)
        .gateEpochs(2)
        .lambdas(List.of(0.5))
        .batchSize(32)
        .patience(5)
        .seed(1)
        .build();
    Map<String, double[]> perModel = new LinkedHashMap<>(); // model -> {rate, epoch wall s} of its last epoch
    List<String> lines = new ArrayList<>();
    long[] last = {System.nanoTime()};
    int[] gateRuns = {0};
    TrainingListener listener = e -> {
      long now = System.nanoTime();
      double wall = (now - last[0]) / 1e9;
      last[0] = now;
      if (e.stage() == EpochReport.Stage.GATE && e.epoch() == 0) {
        gateRuns[0]++; // the gates report under one name, in training order
      }
      String key = e.stage() + " " + e.model() + (e.stage() == EpochReport.Stage.GATE ? " #" + gateRuns[0] : "");
      lines.add(String.format("%-8s %-22s epoch %d: %6.1f samples/s training, epoch wall %.2f s",
          e.stage(), e.model(), e.epoch(), e.samplesPerSecond(), wall));
      if (e.epoch() > 0) {
        perModel.put(key, new double[] {e.samplesPerSecond(), wall});
      }
    };
    long t0 = System.nanoTime();
    GateFeatures state = (s, i) -> new float[8];
    try (TrainingResult r = new TrainingJob(config, costs(), listener).run(train, valid, state)) {
      System.out.printf("short run: %d train / %d valid samples, %.1f s%n", n, v, (System.nanoTime() - t0) / 1e9);
    }
    lines.forEach(System.out::println);
    double total = 0;
    double vatInference = Double.NaN;
    for (Map.Entry<String, double[]> m : perModel.entrySet()) {
      double rate = m.getValue()[0];
      double evalPerSample = Math.max(0, (m.getValue()[1] - n / rate) / v);
      double epochAtMosei = MOSEI_TRAIN / rate + MOSEI_VALID * evalPerSample;
      boolean stageOne = m.getKey().startsWith("EXPERTS");
      double runs = stageOne ? EPOCHS_ONE : (double) EPOCHS_TWO * LAMBDAS;
      if (m.getKey().endsWith("V+A+T") && stageOne) {
        vatInference = 1 / evalPerSample;
      }
      total += runs * epochAtMosei;
      System.out.printf("%-32s %6.1f samples/s training, %7.1f samples/s validation -> %6.0f s per MOSEI epoch,"
          + " x %.0f epochs%n", m.getKey(), rate, 1 / evalPerSample, epochAtMosei, runs);
    }
    System.out.printf("(%d gates modelled from the run's %d; each gate's line covers %d lambdas)%n", GATES,
        perModel.keySet().stream().filter(k -> !k.startsWith("EXPERTS")).count(), LAMBDAS);
    System.out.printf("V+A+T expert inference: %.0f samples/s%n", vatInference);
    System.out.printf("estimated full Table I job at MOSEI size (every run at its epoch cap): %.0f s = %.1f h%n",
        total, total / 3600);
  }
}
