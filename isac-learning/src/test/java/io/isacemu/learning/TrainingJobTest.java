package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.learning.metrics.SentimentMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** End-to-end on toy data: one seeded job (experts T and V+A+T, λ ∈ {0, 0.5, 5}), several checks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingJobTest {

  private final ToySplit train = ToySplit.generate(384, 6, 1);
  private final ToySplit valid = ToySplit.generate(128, 6, 2);
  private final ToySplit test = ToySplit.generate(256, 6, 3);
  private final List<EpochReport> reports = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private TrainingResult result;

  @BeforeAll
  void train() {
    LearningConfig config = LearningConfig.builder()
        .preset("demo")
        .expertEpochs(12)
        .gateEpochs(8)
        .batchSize(32)
        .expertLearningRate(3e-3)
        .gateLearningRate(1e-2)
        .tau(1.0, 0.2)
        .lambdas(List.of(0.0, 0.5, 5.0))
        .patience(4)
        .seed(7)
        .build();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(EpochReport r) {
        events.add(r.stage() + " " + r.model() + " " + r.lambda() + " epoch " + r.epoch());
        reports.add(r);
      }

      @Override
      public void onRunStart(EpochReport.Stage stage, String model, double lambda, int firstEpoch) {
        events.add(stage + " " + model + " " + lambda + " start " + firstEpoch);
      }
    };
    result = new TrainingJob(config, TestCosts.table(CostMetric.ENERGY), listener)
        .run(train, valid, GateFeatures.none());
  }

  @AfterAll
  void close() {
    result.close();
  }

  private float[] labels(ToySplit s) {
    float[] y = new float[s.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = s.label(i);
    }
    return y;
  }

  @Test
  void textExpertBeatsChanceClearly() {
    GatedModel m = result.gated().get(0).model();
    float[] pred = m.expertPredict(0, test);
    SentimentMetrics all = SentimentMetrics.compute(labels(test), pred);
    // predicting 0 everywhere gives MAE 1.5 on labels uniform in [−3, 3]
    assertThat(all.mae()).isLessThan(1.2);
    List<Float> t = new ArrayList<>();
    List<Float> p = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      if (test.textDecides(i)) {
        t.add(test.label(i));
        p.add(pred[i]);
      }
    }
    SentimentMetrics textSamples = SentimentMetrics.compute(toArray(t), toArray(p));
    assertThat(textSamples.acc2HasZero()).isGreaterThan(0.85);
  }

  @Test
  void fusionBeatsTextWhereTextIsAmbiguous() {
    GatedModel m = result.gated().get(0).model();
    float[] text = m.expertPredict(0, test);
    float[] vat = m.expertPredict(1, test);
    double maeText = 0;
    double maeVat = 0;
    int k = 0;
    for (int i = 0; i < test.size(); i++) {
      if (!test.textDecides(i)) {
        maeText += Math.abs(text[i] - test.label(i));
        maeVat += Math.abs(vat[i] - test.label(i));
        k++;
      }
    }
    assertThat(maeVat / k).isLessThan(0.7 * maeText / k);
  }

  @Test
  void raisingLambdaLowersExpectedCost() {
    double[] cost = new double[3];
    for (int j = 0; j < 3; j++) {
      GatedModel m = result.gated().get(j).model();
      cost[j] = m.evaluate(test, GateFeatures.none()).routing().expectedNormalisedCost();
    }
    assertThat(cost[1]).isLessThanOrEqualTo(cost[0]);
    assertThat(cost[2]).isLessThanOrEqualTo(cost[1]);
    assertThat(cost[2]).isLessThan(cost[0] - 0.2);
  }

  @Test
  void frozenExpertsAreTheSameStageIWeightsInEveryLambdaRun() {
    for (int e = 0; e < 2; e++) {
      float[] first = result.gated().get(0).model().expertPredict(e, test);
      for (int j = 1; j < 3; j++) {
        assertThat(result.gated().get(j).model().expertPredict(e, test)).containsExactly(first);
      }
    }
  }

  @Test
  void everyRunStartsBeforeItsFirstEpoch() {
    // each epoch 0 is announced just before it (so a listener can time it); no other start
    for (int i = 0; i < events.size(); i++) {
      String e = events.get(i);
      if (e.endsWith(" epoch 0")) {
        assertThat(i).isPositive();
        assertThat(events.get(i - 1)).isEqualTo(e.replace(" epoch 0", " start 0"));
      }
    }
    assertThat(events.stream().filter(e -> e.contains(" start "))).hasSize(2 + 3);
  }

  @Test
  void listenerSeesBothStagesWithThroughput() {
    assertThat(reports).anyMatch(r -> r.stage() == EpochReport.Stage.EXPERTS && r.model().equals("T"));
    assertThat(reports).anyMatch(r -> r.stage() == EpochReport.Stage.EXPERTS && r.model().equals("V+A+T"));
    assertThat(reports.stream().filter(r -> r.stage() == EpochReport.Stage.GATE).map(EpochReport::lambda).distinct())
        .containsExactly(0.0, 0.5, 5.0);
    assertThat(reports).allMatch(r -> r.samplesPerSecond() > 0 && r.etaSeconds() >= 0);
    assertThat(reports.stream().filter(r -> r.stage() == EpochReport.Stage.GATE && r.epoch() == 0))
        .allMatch(r -> r.tau() == 1.0);
  }

  private static float[] toArray(List<Float> l) {
    float[] a = new float[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
