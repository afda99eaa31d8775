package io.isacemu.bs.task;

import io.isacemu.bs.emulation.EmulationClock;
import io.isacemu.bs.emulation.EmulationProperties;
import io.isacemu.support.ConflictException;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.support.OverloadedException;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ModelLease;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.store.TaskStore;
import io.isacemu.core.compute.MecServer;
import io.isacemu.support.ClockConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Accepts tasks, runs them on {@code isac.bs.task-threads} workers and keeps the last {@code
 * isac.bs.task-history} results. Every accepted task ends DONE, DEGRADED or FAILED with a reason:
 * an unexpected error fails the task, and a shutdown fails the tasks not yet run.
 */
@Service
public class TaskService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TaskService.class);

  private final BsProperties props;
  private final DatasetCatalog catalog;
  private final ModelHolder holder;
  private final TaskEngine engine;
  private final TaskMetrics metrics;
  private final Clock clock;
  private final ExecutorService workers;
  private final AtomicLong ids = new AtomicLong();
  /** The recent tasks (in flight, and up to task-history finished ones); the store holds them all. */
  private final Map<String, TaskResult> tasks = new LinkedHashMap<>();
  private final TaskStore store;
  private final java.util.function.LongSupplier nanos;
  private final TaskPhases phases;
  /** Accepted tasks not yet terminal; bounded by isac.bs.limits.max-tasks-in-flight. Guarded by this. */
  private int inFlight;

  TaskService(BsProperties props, DatasetCatalog catalog, ModelHolder holder, DeviceRegistry registry,
      io.isacemu.bs.cell.CellRadio radio, MecServer mec, SpectrumLedger ledger, TaskMetrics metrics, Clock clock, TaskStore store,
      EmulationClock emulation, EmulationProperties emulationProps) {
    this.props = props;
    this.store = store;
    this.catalog = catalog;
    this.holder = holder;
    this.metrics = metrics;
    this.clock = clock;
    DeviceSelector selector = new DeviceSelector(registry, () -> radio.current().uplink());
    this.nanos = ClockConfiguration.nanos(clock); // one clock: instants and measured durations
    DeviceStates states = new DeviceStates(registry, emulation, emulationProps.stateQueryTimeoutMs(), nanos);
    this.phases = metrics.phases();
    Fetcher fetcher = Fetcher.create(states, selector, ledger, props, catalog, mec, nanos, phases);
    this.engine = new TaskEngine(holder, fetcher, selector, catalog, mec, ledger, nanos, phases);
    metrics.inFlight(this::inFlight);
    recover(clock.instant());
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(props.taskThreads(), r -> {
      Thread t = new Thread(r, "bs-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * After a restart: the tasks a crash interrupted end FAILED with that reason (so every accepted id
   * answers with a terminal state), and the newest finished ones are kept in memory again.
   */
  private void recover(Instant now) {
    for (TaskResult t : store.unfinished()) {
      store.save(t.failed("interrupted by a BS restart", now));
      log.warn("task {} was {} when the BS stopped: FAILED (interrupted by a BS restart)", t.id(), t.status());
    }
    for (TaskResult t : store.newest(props.taskHistory(), List.of("DONE", "DEGRADED", "FAILED"))) {
      tasks.put(t.id(), t);
    }
  }

  /**
   * Validates a request in REST terms and resolves a sample count to the first test ids.
   *
   * @param sampleIds explicit test ids, or null
   * @param count number of test samples from the start of the test split, or null
   * @param mode {@code full}, {@code on-demand} or {@code fixed:<expert>}
   * @param deadlineSeconds emulated s, or null for {@code isac.bs.default-deadline-seconds}
   * @param objective {@code latency} or {@code energy}, or null for latency
   * @throws IllegalArgumentException naming the field and value
   */
  public TaskRequest resolve(List<String> sampleIds, Integer count, String mode, Double deadlineSeconds, String objective) {
    TaskMode gateMode = TaskMode.parse(mode);
    if (gateMode instanceof TaskMode.Fixed f) {
      try (ModelLease lease = holder.acquire().orElse(null)) {
        if (lease != null && lease.model().indexOf(f.expert()) < 0) {
          throw InvalidFieldException.rejected("mode", mode, "names an expert not in bundle "
              + lease.model().version() + " (experts: " + lease.model().experts().stream().map(e -> e.name()).toList() + ")");
        }
      }
    }
    List<String> resolved;
    if ((sampleIds == null) == (count == null)) {
      throw new InvalidFieldException("sampleIds", null,
          "give either sampleIds or count, not " + (count == null ? "neither" : "both"));
    }
    if (count != null) {
      if (count < 1 || count > catalog.testIds().size()) {
        throw InvalidFieldException.rejected("count", count, "is outside [1, " + catalog.testIds().size() + "]");
      }
      resolved = catalog.testIds().subList(0, count);
    } else {
      for (int i = 0; i < sampleIds.size(); i++) {
        String id = sampleIds.get(i);
        if (id == null || catalog.label(id).isEmpty()) {
          throw InvalidFieldException.rejected("sampleIds[" + i + "]", id, "is not a test-split sample id");
        }
      }
      resolved = sampleIds;
    }
    double deadline = deadlineSeconds == null ? props.defaultDeadlineSeconds() : deadlineSeconds;
    double maxDeadline = props.limits().maxDeadlineSeconds();
    if (!(deadline > 0) || !(deadline <= maxDeadline)) {
      throw InvalidFieldException.rejected("deadlineSeconds", deadline, "must be > 0 and <= " + maxDeadline
          + " (isac.bs.limits.max-deadline-seconds)");
    }
    return new TaskRequest(resolved, gateMode, deadline, objective == null ? Objective.LATENCY : Objective.parse(objective));
  }

  /**
   * Accepts {@code request}; returns the task's id (its state is PENDING).
   *
   * @throws OverloadedException when {@code isac.bs.limits.max-tasks-in-flight} tasks are already
   *     pending or running; nothing is accepted then
   */
  public String submit(TaskRequest request) {
    String id;
    synchronized (this) {
      int max = props.limits().maxTasksInFlight();
      if (inFlight >= max) {
        metrics.refused();
        throw new OverloadedException(inFlight + " tasks are pending or running, the most the BS admits"
            + " (isac.bs.limits.max-tasks-in-flight = " + max + "); retry later", props.limits().retryAfterSeconds());
      }
      inFlight++;
      id = "t-" + store.nextSequence();
      put(TaskResult.pending(id, request, TaskStatus.PENDING, clock.instant()));
      if (ids.incrementAndGet() % 1000 == 0) {
        store.retain(props.limits().maxStoredTasks());
      }
    }
    long accepted = nanos.getAsLong();
    try {
      workers.execute(() -> {
        phases.record(TaskPhases.Phase.QUEUE, nanos.getAsLong() - accepted);
        execute(id, request);
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      finish(id, request, TaskEngine.Outcome.failed("service shutting down", Optional.empty()));
    }
    return id;
  }

  private void execute(String id, TaskRequest request) {
    put(get(id).orElseThrow().running());
    TaskEngine.Outcome outcome;
    long t0 = nanos.getAsLong();
    try {
      outcome = engine.run(id, request);
    } catch (RuntimeException | Error e) {
      log.error("task {} failed unexpectedly", id, e);
      outcome = TaskEngine.Outcome.failed("internal error: " + e, holder.version());
    }
    phases.record(TaskPhases.Phase.RUN, nanos.getAsLong() - t0);
    finish(id, request, outcome);
  }

  private void finish(String id, TaskRequest request, TaskEngine.Outcome o) {
    TaskResult done = get(id).orElseThrow().finished(o, clock.instant());
    put(done);
    long t0 = nanos.getAsLong();
    metrics.record(done);
    log.info("task {} {} {}{}", id, done.mode(), done.status(), done.reason().isEmpty() ? "" : ": " + done.reason());
    phases.record(TaskPhases.Phase.RECORD, nanos.getAsLong() - t0);
  }

  private synchronized void put(TaskResult r) {
    // RUNNING is not written: after a crash PENDING and RUNNING both end FAILED, so that write
    // changed nothing a restart shows, and cost one of a task's three database commits
    if (r.status() != TaskStatus.RUNNING) {
      long t0 = nanos.getAsLong();
      store.save(r); // first: a terminal state the store does not hold is never reported
      phases.record(TaskPhases.Phase.STORE, nanos.getAsLong() - t0);
    }
    TaskResult before = tasks.put(r.id(), r);
    if (before != null && !before.status().terminal() && r.status().terminal()) {
      inFlight--;
    }
    if (tasks.size() > props.taskHistory()) {
      Iterator<TaskResult> it = tasks.values().iterator();
      while (tasks.size() > props.taskHistory() && it.hasNext()) {
        if (it.next().status().terminal()) {
          it.remove();
        }
      }
    }
    notifyAll();
  }

  /** The task's current state (from memory, else from the store); empty for an unknown id. */
  public Optional<TaskResult> get(String id) {
    synchronized (this) {
      TaskResult recent = tasks.get(id);
      if (recent != null) {
        return Optional.of(recent);
      }
    }
    return store.find(id);
  }

  /**
   * The task's state once it is terminal or after {@code wait}, whichever comes first (a client's
   * long poll: it hears of the end at once instead of after its next poll interval); empty for an
   * unknown id. An interrupt ends the wait early with the current state.
   */
  public Optional<TaskResult> get(String id, Duration wait) {
    synchronized (this) {
      long end = nanos.getAsLong() + wait.toNanos();
      TaskResult r = tasks.get(id);
      while (r != null && !r.status().terminal()) {
        long left = end - nanos.getAsLong();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        r = tasks.get(id);
      }
      if (r != null) {
        return Optional.of(r);
      }
    }
    return store.find(id);
  }

  /** Every kept task, oldest first. */
  public synchronized List<TaskResult> all() {
    return new ArrayList<>(tasks.values());
  }

  /** Stored tasks from {@code offset} (0 = the oldest stored), at most {@code limit}, oldest first. */
  public List<TaskResult> page(int offset, int limit) {
    return store.page(offset, limit);
  }

  /** Number of stored tasks (up to isac.bs.limits.max-stored-tasks, across restarts). */
  public int size() {
    return store.count();
  }

  /** Accepted tasks not yet terminal. */
  /**
   * Runs {@code action} while no task is pending or running (no task is admitted meanwhile).
   *
   * @throws ConflictException when tasks are in flight, naming how many
   */
  public synchronized void whenIdle(String what, Runnable action) {
    if (inFlight > 0) {
      throw new ConflictException(what + ": refused while " + inFlight + " tasks are pending or running");
    }
    action.run();
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  /** Terminal tasks, oldest first. */
  public synchronized List<TaskResult> finished() {
    return tasks.values().stream().filter(t -> t.status().terminal()).toList();
  }

  /**
   * Waits until task {@code id} is terminal.
   *
   * @throws IllegalStateException on timeout or interruption
   */
  public TaskResult await(String id, Duration timeout) {
    return poll(id, timeout).orElseThrow(
        () -> new IllegalStateException("task " + id + " not finished within " + timeout));
  }

  /**
   * The task's result once it is terminal, waiting at most {@code wait}; empty if it is still
   * pending or running then.
   *
   * @throws IllegalStateException if {@code id} is unknown or the wait is interrupted
   */
  public synchronized Optional<TaskResult> poll(String id, Duration wait) {
    long end = nanos.getAsLong() + wait.toNanos();
    while (true) {
      TaskResult r = tasks.get(id);
      if (r == null) {
        throw new IllegalStateException("task " + id + " is unknown");
      }
      if (r.status().terminal()) {
        return Optional.of(r);
      }
      long left = end - nanos.getAsLong();
      if (left <= 0) {
        return Optional.empty();
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for task " + id, e);
      }
    }
  }

  @Override
  public void destroy() {
    List<Runnable> never = workers.shutdownNow();
    if (!never.isEmpty()) {
      log.warn("{} queued tasks not run at shutdown", never.size());
    }
    for (TaskResult t : all()) {
      if (!t.status().terminal()) {
        put(t.failed("service shutting down", clock.instant()));
      }
    }
  }
}
