package io.isacemu.experimentservice.run;

import io.isacemu.experiments.PointRunner;
import io.isacemu.experiments.Progress;
import io.isacemu.experiments.RunLog;
import io.isacemu.experiments.ScenarioFile;
import io.isacemu.experiments.ScenarioOverrides;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepPoint;
import io.isacemu.support.ConflictException;
import io.isacemu.support.NotFoundException;
import io.isacemu.support.OverloadedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments: a posted scenario validated (the loader's key-path problems, then its start-up
 * settings against the running platform's), queued behind at most one running experiment, run one
 * at a time by {@link ScenarioRun} on one worker thread, its state kept in {@link ExperimentStore}.
 * One at a time because the platform has one cell and one served bundle: two sweeps would change
 * each other's band. Cancel interrupts the worker; the training job already on the training service
 * runs on there.
 */
public final class Experiments implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Experiments.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String POSTED = "posted.yaml";

  private final ExperimentStore store;
  private final ExperimentPlatform platform;
  private final Clock clock;
  private final LongSupplier nanos;
  private final int queueCapacity;
  private final int retryAfterSeconds;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "experiment-runner"));
  private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this
  private volatile boolean closing;

  /** One experiment in this process. */
  private static final class Entry {
    ExperimentState state;
    Optional<Scenario> scenario = Optional.empty();
    Optional<Future<?>> future = Optional.empty();
    volatile Optional<Progress> live = Optional.empty();
    volatile boolean cancelRequested;

    Entry(ExperimentState state) {
      this.state = state;
    }
  }

  /** Loads the stored experiments; one found QUEUED or RUNNING is marked FAILED (interrupted). */
  public Experiments(ExperimentStore store, ExperimentPlatform platform, Clock clock, LongSupplier nanos,
      int queueCapacity, int retryAfterSeconds) {
    this.store = store;
    this.platform = platform;
    this.clock = clock;
    this.nanos = nanos;
    this.queueCapacity = queueCapacity;
    this.retryAfterSeconds = retryAfterSeconds;
    for (ExperimentState s : store.loadAll()) {
      if (!s.status().finished()) {
        LOG.warn("experiment {} was {} when the service stopped: marked FAILED", s.id(), s.status());
        s = s.interrupted(clock.instant());
        store.save(s);
      }
      entries.put(s.id(), new Entry(s));
    }
  }

  /** Refuses (429) when a run is running and the queue is full; cheap, before the body is read. */
  public synchronized void checkCapacity() {
    long waiting = entries.values().stream().filter(e -> e.state.status() == ExperimentStatus.QUEUED).count();
    boolean busy = entries.values().stream().anyMatch(e -> e.state.status() == ExperimentStatus.RUNNING);
    if ((busy || waiting > 0) && waiting >= queueCapacity) {
      throw new OverloadedException("an experiment is running and " + waiting + " wait (isac.experiments.queue-capacity "
          + queueCapacity + "); try again later", retryAfterSeconds);
    }
  }

  /**
   * Validates and queues {@code yaml}.
   *
   * @param name the run's name ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}})
   * @throws ScenarioException naming each key path and value at fault (also start-up settings that differ)
   * @throws OverloadedException when the queue is full
   */
  public ExperimentState submit(String yaml, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: '" + name + "' must match " + NAME.pattern());
    }
    checkCapacity();
    String id = newId();
    Path posted = store.dir(id).resolve(POSTED);
    try {
      Files.createDirectories(posted.getParent());
      Files.writeString(posted, yaml);
      Scenario s = ScenarioFile.load(posted, ScenarioOverrides.NONE);
      List<Problem> differ = platform.startupDifferences(s);
      if (!differ.isEmpty()) {
        throw new ScenarioException(POSTED, differ);
      }
      return enqueue(id, name, s);
    } catch (IOException e) {
      store.delete(id);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      store.delete(id);
      throw e;
    }
  }

  private synchronized ExperimentState enqueue(String id, String name, Scenario s) {
    checkCapacity(); // again: another submission may have taken the last place meanwhile
    List<SweepPoint> points = Scenarios.expand(s);
    long tasks = points.stream().mapToLong(p -> PointRunner.tasksPerReplication(p.scenario())).sum() * s.replications();
    Entry e = new Entry(ExperimentState.queued(id, name, clock.instant(), points.size() * s.replications(), tasks));
    e.scenario = Optional.of(s);
    entries.put(id, e);
    store.save(e.state);
    e.future = Optional.of(worker.submit(() -> run(e)));
    LOG.info("experiment {} ({}) queued: {} points, {} tasks", id, name, points.size(), tasks);
    return e.state;
  }

  private void run(Entry e) {
    synchronized (this) {
      if (e.state.status() != ExperimentStatus.QUEUED) {
        return; // cancelled while it waited
      }
      e.state = e.state.started(clock.instant());
      store.save(e.state);
    }
    String id = e.state.id();
    RunLog log = new RunLog() {
      @Override
      public void say(String fmt, Object... args) {
        LOG.info("[{}] {}", id, String.format(Locale.ROOT, fmt, args));
      }

      @Override
      public void progress(Progress p) {
        e.live = Optional.of(p);
        say("%s", p.line());
      }
    };
    ExperimentState end;
    try {
      ScenarioRun.Ran ran = new ScenarioRun(e.scenario.orElseThrow(), e.state.name(), store.dir(id), platform.control(),
          platform.trainer(log), log, nanos, platform.fleet()).run();
      List<ExperimentState.Failure> failed = ran.failures().stream()
          .map(f -> new ExperimentState.Failure(f.point(), f.mode().orElse("all"), f.reason())).toList();
      end = stopped(e).orElseGet(() -> e.state.ended(ran.partial() ? ExperimentStatus.PARTIAL : ExperimentStatus.COMPLETE,
          clock.instant(), Optional.empty(), failed, snapshot(e)));
    } catch (InterruptedException ex) {
      end = stopped(e).orElseGet(() -> failed(e, "interrupted"));
    } catch (Exception ex) {
      end = stopped(e).orElseGet(() -> failed(e, ex.toString()));
    }
    synchronized (this) {
      e.state = end;
      store.save(end);
    }
    LOG.info("experiment {} {}{}", id, end.status(), end.reason().map(r -> ": " + r).orElse(""));
  }

  /** CANCELLED or FAILED (the service stopping) when the run ended because it was asked to. */
  private Optional<ExperimentState> stopped(Entry e) {
    if (closing) {
      return Optional.of(failed(e, "interrupted: experiment-service stopped while the experiment was RUNNING"));
    }
    return e.cancelRequested ? Optional.of(e.state.ended(ExperimentStatus.CANCELLED, clock.instant(),
        Optional.of("cancelled while running; files in its directory may be partial"), List.of(), snapshot(e)))
        : Optional.empty();
  }

  private ExperimentState failed(Entry e, String why) {
    return e.state.ended(ExperimentStatus.FAILED, clock.instant(), Optional.of(why), List.of(), snapshot(e));
  }

  private static Progress.Snapshot snapshot(Entry e) {
    return e.live.map(Progress::snapshot).orElse(e.state.progress());
  }

  /** Cancels a QUEUED or RUNNING experiment; 409 once finished. */
  public synchronized ExperimentState cancel(String id) {
    Entry e = entry(id);
    switch (e.state.status()) {
      case QUEUED -> {
        e.state = e.state.ended(ExperimentStatus.CANCELLED, clock.instant(), Optional.of("cancelled before it started"),
            List.of(), e.state.progress());
        store.save(e.state);
      }
      case RUNNING -> {
        e.cancelRequested = true;
        e.future.ifPresent(f -> f.cancel(true));
      }
      default -> throw new ConflictException("experiment " + id + " is " + e.state.status() + ": nothing to cancel");
    }
    return view(e);
  }

  public synchronized ExperimentState get(String id) {
    return view(entry(id));
  }

  /** Every experiment, oldest first. */
  public synchronized List<ExperimentState> list() {
    return new ArrayList<>(entries.values().stream().map(Experiments::view).toList());
  }

  /** The experiment's directory; 404 for an unknown id. */
  public synchronized Path dir(String id) {
    entry(id);
    return store.dir(id);
  }

  private static ExperimentState view(Entry e) {
    return e.state.status() == ExperimentStatus.RUNNING ? e.state.withProgress(snapshot(e)) : e.state;
  }

  private Entry entry(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new NotFoundException("experiment " + id + ": no such experiment");
    }
    return e;
  }

  private String newId() {
    String ts = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
    return ts + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
  }

  /** Stops the worker; a running experiment ends FAILED (interrupted), as after a crash. */
  @Override
  public void close() {
    closing = true;
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("the running experiment did not stop within 30 s; it is marked FAILED at the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
