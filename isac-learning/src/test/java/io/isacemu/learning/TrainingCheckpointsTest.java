package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.cost.CostMetric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Resume after a crash: a job that restores its stage-I experts from checkpoints trains none of
 * them again, and publishes the very model an uninterrupted run trains (each expert has its own
 * seed).
 */
class ExpertCheckpointsTest {

  private final ToySplit train = ToySplit.generate(192, 6, 1);
  private final ToySplit valid = ToySplit.generate(64, 6, 2);
  private final ToySplit test = ToySplit.generate(64, 6, 3);

  private static LearningConfig config() {
    return LearningConfig.builder().preset("demo").expertEpochs(3).gateEpochs(2).batchSize(32)
        .expertLearningRate(3e-3).gateLearningRate(1e-2).tau(1.0, 0.2).lambdas(List.of(0.5)).patience(4).seed(11)
        .build();
  }

  /** Checkpoints in memory, as a crash would leave them on disk. */
  private static final class Kept implements ExpertCheckpoints {
    final Map<Integer, Saved> saved = new HashMap<>();

    @Override
    public Optional<Saved> load(int index, String name) {
      return Optional.ofNullable(saved.get(index)).filter(s -> s.result().name().equals(name));
    }

    @Override
    public void save(int index, Saved expert) {
      saved.put(index, expert);
    }
  }

  @Test
  void aResumedJobRestoresItsExpertsAndTrainsTheSameModel() {
    Kept kept = new Kept();
    List<EpochReport> first = new ArrayList<>();
    float[] uninterrupted;
    try (TrainingResult r = new TrainingJob(config(), TestCosts.table(CostMetric.ENERGY), first::add)
        .optCheckpoints(kept).run(train, valid, GateFeatures.none())) {
      uninterrupted = r.gated().get(0).model().expertPredict(1, test);
    }
    assertThat(kept.saved).hasSize(config().experts().size());

    // "the crash": the second expert's checkpoint never made it
    kept.saved.remove(1);
    List<EpochReport> resumed = new ArrayList<>();
    List<String> restored = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(EpochReport report) {
        resumed.add(report);
      }

      @Override
      public void onRestored(String expert, int epochs) {
        restored.add(expert + ":" + epochs);
      }
    };
    try (TrainingResult r = new TrainingJob(config(), TestCosts.table(CostMetric.ENERGY), listener)
        .optCheckpoints(kept).run(train, valid, GateFeatures.none())) {
      assertThat(restored).containsExactly(config().experts().get(0).name() + ":"
          + first.stream().filter(e -> e.stage() == EpochReport.Stage.EXPERTS
              && e.model().equals(config().experts().get(0).name())).count());
      assertThat(resumed).filteredOn(e -> e.stage() == EpochReport.Stage.EXPERTS)
          .allSatisfy(e -> assertThat(e.model()).isEqualTo(config().experts().get(1).name()));
      float[] again = r.gated().get(0).model().expertPredict(1, test);
      assertThat(again).containsExactly(uninterrupted);
    }
  }
}
