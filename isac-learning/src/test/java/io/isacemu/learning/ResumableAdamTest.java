package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link ResumableAdam} is DJL's Adam, bit for bit, and its exported state lets a fresh block in a
 * fresh trainer continue exactly where the first stopped.
 */
class ResumableAdamTest {

  private static final Shape IN = new Shape(8, 5);

  private static Block block() {
    return new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Linear.builder().setUnits(1).build());
  }

  /** Trains a freshly seeded block steps {@code from..to−1} with {@code optimizer}; {@code before}/{@code after} see the trainer. */
  private static byte[] train(Optimizer optimizer, int from, int to, byte[] startParams, Consumer<Trainer> before,
      Consumer<Trainer> after) {
    Engine.getInstance().setRandomSeed(5);
    Block block = block();
    try (Model model = Model.newInstance("adam")) {
      model.setBlock(block);
      block.initialize(model.getNDManager(), DataType.FLOAT32, IN);
      if (startParams.length > 0) {
        BlockParams.restore(block, model.getNDManager(), startParams);
      }
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(optimizer))) {
        trainer.initialize(IN);
        before.accept(trainer);
        for (int s = from; s < to; s++) {
          try (NDManager bm = trainer.getManager().newSubManager()) {
            NDArray x = bm.arange(40f).reshape(IN).div(bm.create(40f)).add(bm.create((float) s));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
              gc.backward(y.sub(x.sum(new int[] {1}, true).sin()).abs().mean());
            }
            trainer.step();
          }
        }
        after.accept(trainer);
        return BlockParams.snapshot(block);
      }
    }
  }

  private static final Consumer<Trainer> NOTHING = t -> {};

  @Test
  void updatesExactlyAsDjlsAdam() {
    byte[] djl = train(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build(), 0, 7, new byte[0],
        NOTHING, NOTHING);
    byte[] ours = train(new ResumableAdam(0.01), 0, 7, new byte[0], NOTHING, NOTHING);
    assertThat(ours).isEqualTo(djl);
  }

  @Test
  void aFreshOptimizerGivenTheExportedStateContinuesExactly() {
    byte[] straight = train(new ResumableAdam(0.01), 0, 7, new byte[0], NOTHING, NOTHING);
    ResumableAdam first = new ResumableAdam(0.01);
    byte[][] state = new byte[1][];
    byte[] half = train(first, 0, 4, new byte[0], NOTHING, t -> state[0] = first.export(t.getModel().getBlock()));
    ResumableAdam second = new ResumableAdam(0.01);
    // the last 3 steps restart from the saved parameters and state (without the state: a different model)
    byte[] resumed = train(second, 4, 7, half,
        t -> second.restore(t.getModel().getBlock(), t.getManager(), state[0]), NOTHING);
    assertThat(resumed).isEqualTo(straight);
    assertThat(train(new ResumableAdam(0.01), 4, 7, half, NOTHING, NOTHING)).isNotEqualTo(straight);
  }

  @Test
  void refusesAStateThatIsNotItsOwnOrOfAnotherArchitecture() {
    ResumableAdam adam = new ResumableAdam(0.01);
    Block other = new SequentialBlock().add(Linear.builder().setUnits(2).build());
    try (NDManager m = NDManager.newBaseManager()) {
      other.initialize(m, DataType.FLOAT32, IN);
      assertThatThrownBy(() -> adam.restore(other, m, new byte[] {1, 2, 3, 4, 5}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ResumableAdam export");
      byte[] twoLayers = new ResumableAdam(0.01).export(initialised(m));
      assertThatThrownBy(() -> adam.restore(other, m, twoLayers))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
    }
  }

  private static Block initialised(NDManager m) {
    Block b = block();
    b.initialize(m, DataType.FLOAT32, IN);
    return b;
  }
}
