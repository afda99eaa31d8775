package io.isacemu.bs.model;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model in service, swapped atomically between tasks.
 *
 * <p>An {@link AtomicReference} holds the current slot; each task takes the slot's read lock for its
 * whole run ({@link #acquire()}). {@link #swap} publishes the new slot first, then a retirer thread
 * takes the old slot's write lock — which waits for every running task on it — and only then closes
 * the old model. A task that raced the swap and finds its slot closed retries with the new one.
 */
public final class ModelHolder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelHolder.class);

  private static final class Slot {
    final ServingModel model;
    final Instant swappedAt;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    volatile boolean closed;

    Slot(ServingModel model, Instant swappedAt) {
      this.model = model;
      this.swappedAt = swappedAt;
    }
  }

  private final AtomicReference<Slot> current = new AtomicReference<>();
  private final Clock clock;
  private final ExecutorService retirer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "bs-model-retirer");
    t.setDaemon(true);
    return t;
  });

  /** A holder stamping swaps with the system clock (tests). */
  public ModelHolder() {
    this(Clock.systemUTC());
  }

  /** A holder stamping each swap with {@code clock} (the service's clock bean). */
  public ModelHolder(Clock clock) {
    this.clock = clock;
  }

  /** A lease on the model in service; empty when no model has been loaded yet. */
  public Optional<ModelLease> acquire() {
    while (true) {
      Slot s = current.get();
      if (s == null) {
        return Optional.empty();
      }
      s.lock.readLock().lock();
      if (!s.closed) {
        return Optional.of(new ModelLease() {
          @Override
          public ServingModel model() {
            return s.model;
          }

          @Override
          public void close() {
            s.lock.readLock().unlock();
          }
        });
      }
      s.lock.readLock().unlock();
    }
  }

  /** Version in service; empty before the first model. */
  public Optional<String> version() {
    Slot s = current.get();
    return s == null ? Optional.empty() : Optional.of(s.model.version());
  }

  /** When the model in service was swapped in; empty before the first model. */
  public Optional<Instant> swappedAt() {
    Slot s = current.get();
    return s == null ? Optional.empty() : Optional.of(s.swappedAt);
  }

  /** Puts {@code next} in service; the previous model is closed once its running tasks finish. */
  public void swap(ServingModel next) {
    Slot old = current.getAndSet(new Slot(next, clock.instant()));
    log.info("model {} in service{}", next.version(), old == null ? "" : " (replacing " + old.model.version() + ")");
    if (old != null) {
      retirer.execute(() -> retire(old));
    }
  }

  private static void retire(Slot old) {
    old.lock.writeLock().lock();
    try {
      old.closed = true;
      old.model.close();
    } catch (RuntimeException e) {
      log.warn("closing model {} failed: {}", old.model.version(), e.toString());
    } finally {
      old.lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    Slot s = current.getAndSet(null);
    if (s != null) {
      retirer.execute(() -> retire(s));
    }
    retirer.shutdown();
  }
}
