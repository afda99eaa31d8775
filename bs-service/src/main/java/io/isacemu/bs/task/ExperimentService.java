package io.isacemu.bs.task;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.support.OverloadedException;
import io.isacemu.support.ServiceUnavailableException;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ModelLease;
import io.isacemu.bs.store.ExperimentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Experiments: the same test samples run in several gate modes and tabulated like Table I of the
 * reference work (rows V, A, T, V+A+T — the fixed experts the bundle has —, dynamic fusion (full)
 * and dynamic fusion (on-demand)).
 *
 * <p>Accepted at once and run in the background, one experiment and one mode at a time (so the
 * modes do not compete for bandwidth). The record is stored when accepted and after every mode, so
 * it survives a crash: at start, experiments that were QUEUED or RUNNING are resumed — the modes
 * they finished keep their rows, the rest (with the one a crash interrupted) run again, after
 * {@code isac.bs.attach-grace-ms} so that the devices have re-attached to the restarted BS. An
 * experiment whose rows would come from two different bundles ends FAILED, naming both, because
 * its rows would not be comparable.
 */
@Service
public class ExperimentService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ExperimentService.class);
  private static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);
  /** How long a mode waits for a model in service before it runs anyway (its task then FAILs, with the reason). */
  private static final Duration MODEL_WAIT = Duration.ofSeconds(60);
  /** How often a waiting runner looks whether the BS is stopping. */
  private static final Duration SLICE = Duration.ofMillis(200);
  /** How long a stopping BS waits for the runner to leave before it interrupts it. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final TaskService tasks;
  private final ModelHolder holder;
  private final ExperimentStore store;
  private final Clock clock;
  private final BsProperties.Limits limits;
  private final Duration resumeDelay;
  private final ExecutorService runner;
  /** Accepted experiments not yet ended. Guarded by this. */
  private int queued;
  private volatile boolean stopping;
  /** Counted down once when the BS stops: wakes the runner out of its waits without interrupting a store write. */
  private final CountDownLatch stop = new CountDownLatch(1);

  ExperimentService(TaskService tasks, ModelHolder holder, ExperimentStore store, Clock clock, BsProperties properties) {
    this.tasks = tasks;
    this.holder = holder;
    this.store = store;
    this.clock = clock;
    this.limits = properties.limits();
    this.resumeDelay = Duration.ofMillis(properties.attachGraceMs());
    this.runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bs-experiments");
      t.setDaemon(true);
      return t;
    });
    for (Experiment e : store.unfinished()) {
      log.warn("experiment {} was {} after {} of {} modes when the BS stopped: resuming", e.id(), e.state(),
          e.modesDone(), e.modes().size());
      enqueue(e, resumeDelay);
    }
  }

  /** The default modes: fixed V, A, T, V+A+T where the bundle has them, then full and on-demand. */
  public List<String> defaultModes() {
    try (ModelLease lease = holder.acquire().orElseThrow(
        () -> new ServiceUnavailableException("no model in service: cannot run experiments yet"))) {
      return TaskMode.tableOne(lease.model()).stream().map(TaskMode::label).toList();
    }
  }

  /**
   * Accepts an experiment over the first {@code samples} test samples; it runs in the background.
   *
   * @param modes gate mode labels; null or empty = {@link #defaultModes()}
   * @param deadlineSeconds per fetch round, emulated s; null = the BS's default
   * @param objective {@code latency} or {@code energy}; null = latency
   * @return the QUEUED record
   * @throws IllegalArgumentException naming the field for an invalid count, mode or deadline
   * @throws OverloadedException when {@code isac.bs.limits.max-experiments-queued} have not ended
   */
  public Experiment start(int samples, List<String> modes, Double deadlineSeconds, String objective) {
    if (modes != null) {
      for (int i = 0; i < modes.size(); i++) {
        if (modes.get(i) == null || modes.get(i).isBlank()) {
          throw InvalidFieldException.rejected("modes[" + i + "]", modes.get(i), "is not a mode"
              + " (full, on-demand or fixed:<expert>)");
        }
      }
    }
    List<String> chosen = modes == null || modes.isEmpty() ? defaultModes() : List.copyOf(modes);
    if (chosen.size() > limits.maxExperimentModes()) {
      throw new InvalidFieldException("modes", chosen.size(), chosen.size() + " modes; an experiment runs at most "
          + limits.maxExperimentModes() + " (isac.bs.limits.max-experiment-modes)");
    }
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      requests.add(resolve(i, samples, chosen.get(i), deadlineSeconds, objective));
    }
    synchronized (this) {
      if (queued >= limits.maxExperimentsQueued()) {
        throw new OverloadedException(queued + " experiments are queued or running, the most the BS admits"
            + " (isac.bs.limits.max-experiments-queued = " + limits.maxExperimentsQueued() + "); retry later",
            limits.retryAfterSeconds());
      }
      TaskRequest first = requests.get(0);
      Experiment e = new Experiment("e-" + store.nextSequence(), Experiment.State.QUEUED, "", samples, chosen,
          first.deadlineSeconds(), first.objective().label(), clock.instant(), Optional.empty(), List.of(), List.of());
      store.save(e);
      enqueue(e, Duration.ZERO);
      return e;
    }
  }

  /** The experiment {@code id}, as stored. */
  public Optional<Experiment> get(String id) {
    return store.find(id);
  }

  /** Stored experiments from {@code offset} (0 = the oldest), at most {@code limit}, oldest first. */
  public List<Experiment> page(int offset, int limit) {
    return store.page(offset, limit);
  }

  /** Experiments stored. */
  public int size() {
    return store.count();
  }

  private TaskRequest resolve(int index, int samples, String mode, Double deadlineSeconds, String objective) {
    try {
      return tasks.resolve(null, samples, mode, deadlineSeconds, objective);
    } catch (InvalidFieldException e) {
      // the task fields under the experiment's names
      switch (e.field()) {
        case "count" -> throw e.renamed("samples");
        case "mode" -> throw e.renamed("modes[" + index + "]");
        default -> throw e;
      }
    }
  }

  private synchronized void enqueue(Experiment e, Duration delay) {
    queued++;
    runner.execute(() -> {
      try {
        if (!delay.isZero()) {
          sleep(delay.toMillis()); // devices re-attach to a restarted BS meanwhile
        }
        run(e);
      } catch (Stopping stopped) {
        // the BS stops during the delay: the record stays as it is, and the next start resumes it
      } finally {
        synchronized (this) {
          queued--;
        }
      }
    });
  }

  private void run(Experiment accepted) {
    Experiment e = accepted.withState(Experiment.State.RUNNING, "", Optional.empty());
    store.save(e);
    try {
      for (int i = e.modesDone(); i < e.modes().size(); i++) {
        awaitModel();
        String mode = e.modes().get(i);
        TaskRequest r = resolve(i, e.samples(), mode, e.deadlineSeconds(), e.objective());
        String taskId = submit(r);
        e = e.withTask(taskId);
        store.save(e);
        Experiment.Row row = Experiment.Row.of(r.mode(), await(taskId));
        Optional<String> other = e.rows().stream().map(Experiment.Row::modelVersion)
            .filter(v -> !v.isEmpty() && !row.modelVersion().isEmpty() && !v.equals(row.modelVersion())).findFirst();
        e = e.withRow(row);
        if (other.isPresent()) {
          finish(e, Experiment.State.FAILED, "the bundle changed from " + other.get() + " to " + row.modelVersion()
              + " during the experiment: its rows would not be comparable");
          return;
        }
        store.save(e);
      }
      finish(e, Experiment.State.DONE, "");
    } catch (RuntimeException ex) {
      if (stopping || ex instanceof Stopping) {
        // left RUNNING on purpose: the next start resumes it
        log.info("experiment {} stopped with the BS after {} of {} modes", e.id(), e.modesDone(), e.modes().size());
        return;
      }
      log.warn("experiment {} failed after {} of {} modes: {}", e.id(), e.modesDone(), e.modes().size(), ex.toString());
      finish(e, Experiment.State.FAILED, ex.getMessage() == null ? ex.toString() : ex.getMessage());
    }
  }

  private void finish(Experiment e, Experiment.State state, String reason) {
    store.save(e.withState(state, reason, Optional.of(clock.instant())));
    log.info("experiment {} {}{}", e.id(), state, reason.isEmpty() ? "" : ": " + reason);
  }

  /** Submits {@code r}, waiting out the BS's own 429s (other clients may fill the task queue). */
  private String submit(TaskRequest r) {
    Instant end = clock.instant().plus(TASK_TIMEOUT);
    while (true) {
      try {
        return tasks.submit(r);
      } catch (OverloadedException busy) {
        if (clock.instant().isAfter(end)) {
          throw busy;
        }
        sleep(TimeUnit.SECONDS.toMillis(busy.retryAfterSeconds()));
      }
    }
  }

  private void awaitModel() {
    Instant end = clock.instant().plus(MODEL_WAIT);
    while (holder.version().isEmpty() && clock.instant().isBefore(end)) {
      sleep(200);
    }
  }

  /**
   * The task's terminal result, waited for in short slices so that a stopping BS is noticed: a task that
   * the stop itself ends ("service shutting down") must not become a row of the experiment.
   */
  private TaskResult await(String taskId) {
    Instant end = clock.instant().plus(TASK_TIMEOUT);
    while (true) {
      Optional<TaskResult> done = tasks.poll(taskId, SLICE);
      if (stopping) {
        throw new Stopping();
      }
      if (done.isPresent()) {
        return done.get();
      }
      if (clock.instant().isAfter(end)) {
        throw new IllegalStateException("task " + taskId + " not finished within " + TASK_TIMEOUT);
      }
    }
  }

  /** Waits {@code ms}, or less when the BS stops (then throws {@link Stopping}). */
  private void sleep(long ms) {
    try {
      if (stop.await(ms, TimeUnit.MILLISECONDS)) {
        throw new Stopping();
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new Stopping();
    }
  }

  /** The BS is stopping: the runner leaves the record as it is, for the next start to resume. */
  private static final class Stopping extends RuntimeException {
    Stopping() {
      super("the BS is stopping", null, false, false);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    // No interrupt: one landing in an H2 write closes the database file under the writer. The runner
    // sees the latch within one SLICE and returns; the store closes only after it has.
    stopping = true;
    stop.countDown();
    runner.shutdown();
    if (!runner.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn("the experiment runner did not stop within {}; interrupting it", STOP_WAIT);
      runner.shutdownNow();
    }
  }
}
