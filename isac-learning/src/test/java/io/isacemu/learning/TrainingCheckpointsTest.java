package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.cost.CostMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Resume after a crash: a job killed after epoch k of a stage-I expert and started again from its
 * per-epoch checkpoints restores the finished experts whole, continues the interrupted one with
 * epoch k, and ends bit-identical to an uninterrupted run of the same seed — every later epoch's
 * losses and metrics, the stage-I results, every parameter of the published model.
 */
class TrainingCheckpointsTest {

  private final ToySplit train = ToySplit.generate(192, 6, 1);
  private final ToySplit valid = ToySplit.generate(64, 6, 2);

  private static LearningConfig config() {
    // patience 2 of 5 epochs: the checkpoints carry early-stopping state (best ≠ current parameters)
    return LearningConfig.builder().preset("demo").expertEpochs(5).gateEpochs(2).batchSize(32)
        .expertLearningRate(3e-3).gateLearningRate(1e-2).tau(1.0, 0.2).lambdas(List.of(0.5)).patience(2).seed(11)
        .build();
  }

  /** Checkpoints in memory, as a crash would leave them on disk. */
  private static final class Kept implements TrainingCheckpoints {
    final Map<String, byte[]> saved = new HashMap<>();
    int saves;

    @Override
    public Optional<byte[]> load(String key) {
      return Optional.ofNullable(saved.get(key));
    }

    @Override
    public void save(String key, byte[] checkpoint) {
      saves++;
      saved.put(key, checkpoint.clone());
    }
  }

  /** What a run produced, timing left out: every epoch report, the stage-I results, the model's parameters. */
  private record Outcome(List<EpochReport> reports, List<TrainingResult.ExpertResult> experts, byte[] params) {}

  private static final class Kill extends RuntimeException {}

  /** Records reports (timing zeroed) and restorations; kills the job at report {@code killAt} (0-based, -1: never). */
  private static final class Recorder implements TrainingListener {
    final List<EpochReport> reports = new ArrayList<>();
    final List<String> restored = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final int killAt;

    Recorder(int killAt) {
      this.killAt = killAt;
    }

    @Override
    public void onEpoch(EpochReport r) {
      reports.add(new EpochReport(r.stage(), r.model(), r.lambda(), r.epoch(), r.maxEpochs(), r.tau(), r.trainLoss(),
          r.trainTaskLoss(), r.validTaskLoss(), r.validObjective(), r.validMetrics(), r.validRouting(), 0, 0, r.improved()));
      if (reports.size() - 1 == killAt) {
        throw new Kill();
      }
    }

    @Override
    public void onMessage(String text) {
      notes.add(text);
    }

    @Override
    public void onRestored(String expert, int epochs, boolean complete) {
      restored.add(expert + ":" + epochs + ":" + complete);
    }
  }

  private Outcome run(TrainingCheckpoints checkpoints, Recorder recorder) {
    try (TrainingResult r = new TrainingJob(config(), TestCosts.table(CostMetric.ENERGY), recorder)
        .optCheckpoints(checkpoints).run(train, valid, GateFeatures.none())) {
      return new Outcome(List.copyOf(recorder.reports), r.experts(), BlockParams.snapshot(r.gated().get(0).model().block()));
    }
  }

  @Test
  void aJobKilledAfterAnEpochResumesWithTheNextAndEndsBitIdenticalToAnUninterruptedRun() {
    Outcome uninterrupted = run(TrainingCheckpoints.NONE, new Recorder(-1));
    String second = config().experts().get(1).name();
    int firstEpochs = uninterrupted.experts().get(0).epochsRun();
    assertThat(uninterrupted.experts().get(1).epochsRun()).as("expert 2 runs past its epoch 2").isGreaterThan(2);

    // killed right after expert 2's second epoch (its checkpoint saved, its report the last heard)
    Kept kept = new Kept();
    int killAt = firstEpochs + 1;
    Recorder killed = new Recorder(killAt);
    assertThatThrownBy(() -> run(kept, killed)).isInstanceOf(Kill.class);
    assertThat(killed.reports).as("same seed, same numbers").isEqualTo(uninterrupted.reports().subList(0, killAt + 1));
    assertThat(kept.saved).containsOnlyKeys(ExpertCheckpoint.key(0, config().experts().get(0).name()),
        ExpertCheckpoint.key(1, second));

    Recorder resumed = new Recorder(-1);
    Outcome again = run(kept, resumed);
    assertThat(resumed.restored).containsExactly(
        config().experts().get(0).name() + ":" + firstEpochs + ":true", second + ":2:false");
    // the epoch after the kill comes next: nothing reported twice, nothing skipped
    assertThat(again.reports()).isEqualTo(uninterrupted.reports().subList(killAt + 1, uninterrupted.reports().size()));
    assertThat(again.reports().get(0).model()).isEqualTo(second);
    assertThat(again.reports().get(0).epoch()).isEqualTo(2);
    assertThat(again.experts()).isEqualTo(uninterrupted.experts());
    assertThat(again.params()).as("every parameter of the model, bit for bit").isEqualTo(uninterrupted.params());
    assertThat(ExpertCheckpoint.decode(kept.saved.get(ExpertCheckpoint.key(1, second))).complete()).isTrue();
  }

  @Test
  void aCorruptCheckpointIsIgnoredWithANoteAndItsExpertTrainsAgainFromEpochZero() {
    Kept kept = new Kept();
    Outcome first = run(kept, new Recorder(-1));
    String key = ExpertCheckpoint.key(1, config().experts().get(1).name());
    kept.saved.get(key)[40] ^= 0x10; // a flipped bit

    Recorder again = new Recorder(-1);
    Outcome second = run(kept, again);
    assertThat(again.notes).anySatisfy(n -> assertThat(n).contains(key).contains("CRC-32").contains("from epoch 0"));
    assertThat(again.restored).containsExactly(config().experts().get(0).name() + ":"
        + first.experts().get(0).epochsRun() + ":true");
    assertThat(second.experts()).isEqualTo(first.experts());
    assertThat(second.params()).isEqualTo(first.params());
  }
}
