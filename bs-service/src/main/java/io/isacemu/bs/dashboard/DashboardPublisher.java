package io.isacemu.bs.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.core.validation.Check;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends one serialised {@link DashboardSnapshot} per tick to every subscriber of the stream. The
 * snapshot is assembled and serialised once per tick whatever the number of subscribers, and not at
 * all while nobody watches. Subscribers are bounded ({@link #subscribe()} refuses past the cap) and
 * each is dropped when it completes, times out or fails to receive.
 */
public final class DashboardPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DashboardPublisher.class);
  /** EventSource reconnect delay sent with each event, ms. */
  static final long RECONNECT_MS = 1000;

  private final SnapshotAssembler assembler;
  private final ObjectMapper json;
  private final long periodMs;
  private final int maxSubscribers;
  private final long emitterTimeoutMs;
  private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bs-dashboard");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param periodMs tick period, ms, in [50, 1000] (the page is promised an update at least once a second)
   * @param maxSubscribers open streams at most, ≥ 1
   * @param emitterTimeoutMs a stream is closed after this long, ms, &gt; 0 (the page reconnects)
   */
  public DashboardPublisher(SnapshotAssembler assembler, ObjectMapper json, long periodMs, int maxSubscribers,
      long emitterTimeoutMs) {
    this.assembler = assembler;
    this.json = json;
    this.periodMs = (long) Check.inRange("isac.bs.dashboard.period-ms", periodMs, 50, 1000);
    this.maxSubscribers = Check.positive("isac.bs.dashboard.max-subscribers", maxSubscribers);
    this.emitterTimeoutMs = (long) Check.positive("isac.bs.dashboard.emitter-timeout-ms", emitterTimeoutMs);
  }

  /** Starts the ticks. */
  public void start() {
    ticker.scheduleAtFixedRate(this::tick, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  /** A new stream; empty when {@code maxSubscribers} are already open. */
  public synchronized Optional<SseEmitter> subscribe() {
    if (subscribers.size() >= maxSubscribers) {
      return Optional.empty();
    }
    SseEmitter e = new SseEmitter(emitterTimeoutMs);
    e.onCompletion(() -> subscribers.remove(e));
    e.onTimeout(() -> {
      subscribers.remove(e);
      e.complete();
    });
    e.onError(t -> subscribers.remove(e));
    subscribers.add(e);
    return Optional.of(e);
  }

  /** Open streams. */
  public int subscribers() {
    return subscribers.size();
  }

  /** One snapshot as the stream sends it (the benchmark measures this). */
  public String serialise() throws JsonProcessingException {
    return json.writeValueAsString(assembler.assemble());
  }

  void tick() {
    if (subscribers.isEmpty()) {
      return;
    }
    String data;
    try {
      data = serialise();
    } catch (RuntimeException | JsonProcessingException ex) {
      log.warn("dashboard snapshot failed: {}", ex.toString()); // next tick tries again
      return;
    }
    for (SseEmitter e : subscribers) {
      try {
        e.send(SseEmitter.event().name("snapshot").reconnectTime(RECONNECT_MS).data(data));
      } catch (IOException | IllegalStateException ex) {
        subscribers.remove(e); // the client went away; its onError/onCompletion may not run
        e.completeWithError(ex);
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    subscribers.forEach(SseEmitter::complete);
    subscribers.clear();
  }
}
