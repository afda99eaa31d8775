package io.isacemu.device.link;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single daemon thread a {@link DeviceAgent} confines its session state to. Every task it
 * runs logs instead of throwing: an exception would silently cancel a periodic task and be
 * swallowed by a scheduled future.
 */
final class AgentThread {

  private static final Logger log = LoggerFactory.getLogger(AgentThread.class);

  private final String deviceId;
  private final ScheduledExecutorService executor;

  /** @param deviceId names the thread ({@code device-<id>}) and the log lines */
  AgentThread(String deviceId) {
    this.deviceId = deviceId;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "device-" + deviceId);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code task} soon; does nothing once {@link #shutdown} has been called. */
  void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      // Shut down: nothing left to do.
    }
  }

  /**
   * Runs {@code task} after {@code delay}.
   *
   * @throws RejectedExecutionException once {@link #shutdown} has been called
   */
  ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return executor.schedule(guarded(task), delay, unit);
  }

  /**
   * Runs {@code task} now and then every {@code periodMs}.
   *
   * @throws RejectedExecutionException once {@link #shutdown} has been called
   */
  ScheduledFuture<?> everyMs(Runnable task, long periodMs) {
    return executor.scheduleAtFixedRate(guarded(task), 0, periodMs, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} and waits for it at most {@code timeoutMs}; a failure is only logged. */
  void runAndWait(Runnable task, long timeoutMs) {
    try {
      executor.submit(task).get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.debug("device {}: session end on close did not complete: {}", deviceId, e.toString());
    }
  }

  /** Stops the thread; pending tasks are dropped. */
  void shutdown() {
    executor.shutdownNow();
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("device {}: unexpected failure", deviceId, e);
      }
    };
  }
}
