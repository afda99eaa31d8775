package io.isacemu.training.engine;

import io.isacemu.core.modality.ModalitySet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic test engine. By default every run succeeds: one epoch per expert and per λ and gate, a
 * small parameter file in the bundle directory, and made-up but valid result rows. Scripted runs
 * ({@link #blockNext}, {@link #failNext}) change the next runs in order.
 */
public final class FakeTrainingEngine implements TrainingEngine {

  /** A run held until released; {@code started} opens when the run has begun. */
  public record Hold(CountDownLatch started, CountDownLatch gate) {
    public void awaitStarted() throws InterruptedException {
      if (!started.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("fake run did not start");
      }
    }

    public void release() {
      gate.countDown();
    }
  }

  private sealed interface Plan {}

  private record Block(Hold hold) implements Plan {}

  private record Fail(String reason) implements Plan {}

  private record Throw(Error error) implements Plan {}

  private final ConcurrentLinkedQueue<Plan> plans = new ConcurrentLinkedQueue<>();
  private final AtomicInteger runs = new AtomicInteger();

  /** The next unscripted run blocks (after its first progress report) until released. */
  public Hold blockNext() {
    Hold h = new Hold(new CountDownLatch(1), new CountDownLatch(1));
    plans.add(new Block(h));
    return h;
  }

  /** The next unscripted run fails with {@code reason}. */
  public void failNext(String reason) {
    plans.add(new Fail(reason));
  }

  /** The next unscripted run throws {@code error} (e.g. an OutOfMemoryError). */
  public void errorNext(Error error) {
    plans.add(new Throw(error));
  }

  /** Runs started so far. */
  public int runs() {
    return runs.get();
  }

  @Override
  public TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir) throws Exception {
    runs.incrementAndGet();
    Plan plan = plans.poll();
    listener.onStage(Stage.STAGE_I, spec.experts().get(0).name());
    if (plan instanceof Block b) {
      b.hold().started().countDown();
      if (!b.hold().gate().await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("fake run never released");
      }
    }
    if (plan instanceof Throw t) {
      throw t.error();
    }
    if (plan instanceof Fail f) {
      throw new IllegalStateException(f.reason());
    }
    List<ResultRow> rows = new ArrayList<>();
    int i = 0;
    for (ModalitySet e : spec.experts()) {
      listener.onStage(Stage.STAGE_I, e.name());
      for (int ep = 1; ep <= spec.epochsStageOne(); ep++) {
        listener.onEpoch(Stage.STAGE_I, ep, spec.epochsStageOne(), 1.0 / ep, 1.1 / ep, Map.of("acc2", 0.7), 1000);
      }
      double acc = 0.6 + 0.05 * i++;
      rows.add(row(e.name(), Optional.empty(), acc, Map.of(e.name(), 1.0)));
    }
    for (double lambda : spec.lambdas()) {
      listener.onStage(Stage.STAGE_II, "λ=" + lambda);
      // one stage-II run per trained gate, like the real engine
      for (int g = 0; g < spec.gates().size(); g++) {
        for (int ep = 1; ep <= spec.epochsStageTwo(); ep++) {
          listener.onEpoch(Stage.STAGE_II, ep, spec.epochsStageTwo(), 0.5 / ep, 0.6 / ep, Map.of("acc2", 0.75), 2000);
        }
      }
      rows.add(
          row(
              "dynamic fusion λ=" + lambda,
              Optional.of(lambda),
              0.78,
              Map.of(spec.gateExperts().get(0).name(), 1.0)));
    }
    listener.onMessage("fake training done");
    Files.writeString(bundleDir.resolve("gate.params"), "gate seed=" + spec.seed(), StandardCharsets.UTF_8);
    Files.createDirectories(bundleDir.resolve("experts"));
    Files.write(bundleDir.resolve("experts/T.params"), new byte[40_000]);
    return new TrainingOutcome(rows, "fake:seed=" + spec.seed());
  }

  private static ResultRow row(String name, Optional<Double> lambda, double acc, Map<String, Double> shares) {
    return new ResultRow(name, lambda, acc, acc, acc, acc / 2, 0.6, 0.5, 0.1, 0.01, 1e6, 1e9, shares);
  }
}
