package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.util.List;

/** Manual probe (not a test): routing shift of a state-fed toy gate for given λ, epochs, lr. */
final class StateGateProbe {
  public static void main(String[] a) {
    double lambda = Double.parseDouble(a[0]);
    int epochs = Integer.parseInt(a[1]);
    double lr = Double.parseDouble(a[2]);
    ToySplit train = ToySplit.generate(384, 6, 1);
    ToySplit valid = ToySplit.generate(128, 6, 2);
    ToySplit test = ToySplit.generate(256, 6, 3);
    StateCosts sc = StateCosts.draw(ArchitecturePreset.demo(), StateGateTest.EXPERTS, StateGateTest.DIMS, SameSteps.of(StateGateTest.DIMS, 6), 256, 7, CostMetric.LATENCY);
    double[] snr = new double[sc.size()];
    for (int k = 0; k < sc.size(); k++) snr[k] = sc.state(k).snrDb(Modality.VIDEO).orElseThrow();
    java.util.Arrays.sort(snr);
    System.out.printf("video SNR dB p5 %.1f p50 %.1f p95 %.1f%n", snr[12], snr[128], snr[243]);
    LearningConfig config = LearningConfig.builder().preset("demo").experts(StateGateTest.EXPERTS)
        .onDemandGate(ModalitySet.of(Modality.TEXT), NetworkState.DIM).expertEpochs(12).gateEpochs(epochs)
        .batchSize(32).expertLearningRate(3e-3).gateLearningRate(lr).tau(1.0, 0.2).lambdas(List.of(lambda))
        .patience(epochs).seed(7).build();
    try (TrainingResult r = new TrainingJob(config, TestCosts.table(CostMetric.LATENCY), e -> {
      if (e.stage() == EpochReport.Stage.GATE) System.out.printf("ep %d obj %.3f task %.3f%n", e.epoch(), e.validObjective(), e.validTaskLoss());
    }).run(train, valid, sc)) {
      GatedModel g = r.gated().get(0).model();
      for (double v : new double[] {60, 50, 40, 30, 20, 10}) {
        NetworkState s = new NetworkState(java.util.Map.of(Modality.VIDEO, v, Modality.AUDIO, v, Modality.TEXT, 50.0), 1.0);
        int[] c = g.choose(test, (x, i) -> s.vector());
        System.out.printf("V/A %.0f dB: T share %.3f%n", v, java.util.Arrays.stream(c).filter(q -> q == 0).count() / 256.0);
      }
      System.out.println("valid routing " + r.gated().get(0).valid().routing());
    }
  }
}
