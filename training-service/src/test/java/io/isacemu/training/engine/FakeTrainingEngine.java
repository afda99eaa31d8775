package io.isacemu.training.engine;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.deploy.DeploySelection;
import io.isacemu.learning.deploy.Deployment;
import io.isacemu.learning.deploy.DeploymentSummary;
import io.isacemu.learning.deploy.FrontierPoint;
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
 * Deterministic test engine. By default every run succeeds: the spec's epochs per expert and per λ
 * and gate, a small parameter file in the bundle directory, and made-up but valid result rows.
 * Scripted runs ({@link #blockNext}, {@link #blockAtStageOneEpoch}, {@link #failNext}) change the
 * next runs in order. Given a checkpoint directory it checkpoints stage I after every epoch (a
 * count in {@code fake.ckpt}, saved before the epoch is reported) and resumes from it, restoring
 * experts like the real engine.
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

  private record BlockAt(Hold hold, int stageOneEpoch) implements Plan {}

  private record Fail(String reason) implements Plan {}

  private record Throw(Error error) implements Plan {}

  private final ConcurrentLinkedQueue<Plan> plans = new ConcurrentLinkedQueue<>();
  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicInteger stageOneEpochs = new AtomicInteger();

  /** The next unscripted run blocks (after its first progress report) until released. */
  public Hold blockNext() {
    Hold h = new Hold(new CountDownLatch(1), new CountDownLatch(1));
    plans.add(new Block(h));
    return h;
  }

  /**
   * The next unscripted run blocks right after reporting the {@code n}-th stage-I epoch of the job
   * (1-based, counted over all experts, restored ones included) until released.
   */
  public Hold blockAtStageOneEpoch(int n) {
    Hold h = new Hold(new CountDownLatch(1), new CountDownLatch(1));
    plans.add(new BlockAt(h, n));
    return h;
  }

  /** Stage-I epochs trained so far by every run (restored ones are not trained). */
  public int stageOneEpochsTrained() {
    return stageOneEpochs.get();
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
    return train(spec, listener, bundleDir, Optional.empty());
  }

  @Override
  public TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir, Path checkpointDir)
      throws Exception {
    return train(spec, listener, bundleDir, Optional.of(checkpointDir));
  }

  private TrainingOutcome train(JobSpec spec, ProgressListener listener, Path bundleDir, Optional<Path> checkpoints)
      throws Exception {
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
    double bestFixed = 0;
    int i = 0;
    Optional<Path> file = checkpoints.map(d -> d.resolve("fake.ckpt"));
    int saved = file.filter(Files::isRegularFile).isPresent()
        ? Integer.parseInt(Files.readString(file.get()).trim()) : 0;
    int cap = spec.epochsStageOne();
    int global = 0;
    for (ModalitySet e : spec.experts()) {
      int done = Math.max(0, Math.min(cap, saved - global));
      global += done;
      if (done > 0) {
        listener.onRestored(e.name(), done, cap, done == cap);
      }
      if (done < cap) {
        listener.onStage(Stage.STAGE_I, e.name());
      }
      for (int ep = done + 1; ep <= cap; ep++) {
        stageOneEpochs.incrementAndGet();
        global++;
        if (file.isPresent()) {
          Files.createDirectories(file.get().getParent());
          Files.writeString(file.get(), Integer.toString(global), StandardCharsets.UTF_8);
        }
        listener.onEpoch(Stage.STAGE_I, ep, cap, 1.0 / ep, 1.1 / ep, Map.of("acc2", 0.7), 1000);
        if (plan instanceof BlockAt b && b.stageOneEpoch() == global) {
          b.hold().started().countDown();
          if (!b.hold().gate().await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake run never released");
          }
        }
      }
      double acc = 0.6 + 0.05 * i++;
      if (spec.gateExperts().contains(e)) {
        bestFixed = Math.max(bestFixed, acc);
      }
      rows.add(row(e.name(), Optional.empty(), acc, Map.of(e.name(), 1.0)));
    }
    List<FrontierPoint> frontier = new ArrayList<>();
    for (double lambda : spec.lambdas()) {
      frontier.add(point(lambda));
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
    Deployment d = DeploySelection.select(spec.deploy(), frontier, bestFixed);
    return new TrainingOutcome(rows, "fake:seed=" + spec.seed(), Optional.of(DeploymentSummary.of(d)));
  }

  /**
   * The fake validation frontier: Acc-2 {@code 0.80 − 0.05 λ} (floored at 0), latency {@code 0.1/(1+λ)} s,
   * energy a tenth of it in J, bits {@code 1e6/(1+λ)}; normalised cost {@code 1/(1+λ)}.
   */
  public static FrontierPoint point(double lambda) {
    double c = 1 / (1 + lambda);
    return new FrontierPoint(lambda, Math.max(0, 0.80 - 0.05 * lambda), c,
        new GateExpertCost(0.1 * c, 0.01 * c, 1e6 * c, 1e9 * c));
  }

  private static ResultRow row(String name, Optional<Double> lambda, double acc, Map<String, Double> shares) {
    return new ResultRow(name, lambda, acc, acc, acc, acc / 2, 0.6, 0.5, 0.1, 0.01, 1e6, 1e9, shares);
  }
}
