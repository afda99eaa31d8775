package io.isacemu.proto;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of a training service's ModelRegistry, shared by the BS and the devices: fetches the
 * latest bundle (GetLatest + chunked Download, SHA-256 checked against the last chunk and against
 * the BundleInfo), unpacks it and hands it to an {@link Installer}; then Watches and hands over
 * every new version. A bundle that fails to download, check, unpack or install is logged and
 * reported ({@link Installer#rejected}); the previous one stays in service.
 *
 * <p>A Watch that ends (registry restarted, network gone) is re-opened, after a GetLatest that
 * catches up on what was published meanwhile, with an exponential back-off ({@link
 * FollowerSettings.Backoff}). The back-off starts again from its first delay only after a healthy
 * Watch (one that delivered a bundle or stayed open at least {@link FollowerSettings.Backoff#max}),
 * so a registry that answers GetLatest but drops Watch at once is not hammered every second. The
 * first failure of an outage is logged at WARN, its repeats at DEBUG.
 *
 * <p>Every download and install, and all the back-off state, runs on the one worker thread passed
 * in; gRPC callbacks only queue work there. The delays are scheduled on that worker and measured
 * with the injected {@link Clock}, so tests can observe and shorten them. Neither the channel nor
 * the worker is owned: {@link #close} cancels the Watch and schedules nothing more, the caller
 * shuts both down.
 */
public final class RegistryFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);

  /**
   * A downloaded bundle whose bytes hash to {@code info.sha256_hex}, handed to {@link
   * Installer#install}. The array is the caller's to keep (the BS caches it), not copied.
   *
   * @param info the registry's description of it
   * @param zip the archive exactly as downloaded (and checked)
   * @param directory the isac-learning bundle directory unpacked from it; deleted once {@link
   *     Installer#install} returns
   */
  public record Bundle(BundleInfo info, byte[] zip, Path directory) {
    /** The bundle's version. */
    public String version() {
      return info.getVersion();
    }
  }

  /** What a follower keeps up to date: the BS's model holder, a device's encoders. */
  public interface Installer {
    /**
     * The version in service; empty before the first install. Sent as {@code known_version}, and an
     * announced bundle of this version is not downloaded again.
     */
    Optional<String> installed();

    /** Puts {@code bundle} in service; throwing keeps the previous one (reported as rejected). */
    void install(Bundle bundle) throws IOException;

    /** {@code info}'s bundle was not installed (download, SHA-256, unpack or install failed). */
    default void rejected(BundleInfo info, Exception why) {}
  }

  private final ManagedChannel channel;
  private final FollowerSettings settings;
  private final Installer installer;
  private final ScheduledExecutorService worker;
  private final Clock clock;
  private volatile boolean running;
  private Optional<Context.CancellableContext> watch = Optional.empty(); // guarded by this
  // worker-thread only: consecutive failed attempts since the last healthy Watch, drives the delay
  private int failures;
  // worker-thread only: this outage was logged at WARN already, its repeats go to DEBUG
  private boolean warned;

  /**
   * @param channel to the ModelRegistry; not owned
   * @param worker single-threaded (downloads and installs run one at a time, in order); not owned
   * @param clock measures how long a Watch stayed open
   */
  public RegistryFollower(ManagedChannel channel, FollowerSettings settings, Installer installer,
      ScheduledExecutorService worker, Clock clock) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.installer = Objects.requireNonNull(installer, "installer");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A single daemon thread named {@code name}, for {@code worker}: it never holds a JVM open. */
  public static ScheduledExecutorService daemonWorker(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues the first GetLatest and Watch on the worker; returns at once. Call once. */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("RegistryFollower of " + settings.target() + " already started");
    }
    running = true;
    submit(this::connect);
  }

  private void connect() {
    fetchLatest();
    openWatch();
  }

  private void fetchLatest() {
    if (!running) {
      return;
    }
    try {
      GetLatestRequest.Builder req = GetLatestRequest.newBuilder();
      installer.installed().ifPresent(req::setKnownVersion);
      BundleInfo info = ModelRegistryGrpc.newBlockingStub(channel)
          .withDeadlineAfter(settings.getLatestDeadline().toMillis(), TimeUnit.MILLISECONDS).getLatest(req.build());
      install(info);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        log.info("the model registry {} has no bundle yet; waiting for one", settings.target());
      } else {
        logFailure("GetLatest from {} failed: {}; retrying with back-off", settings.target(), e.getStatus());
      }
    }
  }

  private void openWatch() {
    WatchRequest.Builder req = WatchRequest.newBuilder();
    installer.installed().ifPresent(req::setKnownVersion);
    long openedAtMs = clock.millis();
    Context.CancellableContext context = Context.current().withCancellation();
    synchronized (this) {
      if (!running) {
        return;
      }
      // the previous Watch has ended (that is why this one opens); cancelling it again is a no-op
      watch.ifPresent(w -> w.cancel(null));
      watch = Optional.of(context);
    }
    context.run(() -> ModelRegistryGrpc.newStub(channel).watch(req.build(), new StreamObserver<>() {
      @Override
      public void onNext(BundleInfo info) {
        submit(() -> {
          healthy();
          install(info);
        });
      }

      @Override
      public void onError(Throwable t) {
        submit(() -> watchEnded(openedAtMs, Status.fromThrowable(t)));
      }

      @Override
      public void onCompleted() {
        onError(Status.UNAVAILABLE.withDescription("server ended Watch").asRuntimeException());
      }
    }));
  }

  private void watchEnded(long openedAtMs, Status status) {
    if (!running) {
      return;
    }
    if (clock.millis() - openedAtMs >= settings.backoff().max().toMillis()) {
      healthy();
    }
    long delayMs = settings.backoff().delayMs(failures);
    failures++;
    logFailure("Watch on {} ended: {}; re-opening in {} ms", settings.target(), status, delayMs);
    try {
      worker.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the caller shut the worker down: following has ended
    }
  }

  // the registry is reachable and Watch works: the next outage starts afresh (first delay, WARN)
  private void healthy() {
    failures = 0;
    warned = false;
  }

  private void logFailure(String format, Object... args) {
    if (warned) {
      log.debug(format, args);
    } else {
      warned = true;
      log.warn(format, args);
    }
  }

  private void install(BundleInfo info) {
    if (!running || Optional.of(info.getVersion()).equals(installer.installed())) {
      return;
    }
    try {
      byte[] zip = download(info);
      BundleArchive.withUnpacked(zip, settings.tempDirPrefix(), dir -> installer.install(new Bundle(info, zip, dir)));
    } catch (IOException | RuntimeException e) {
      installer.rejected(info, e);
      log.warn("bundle {} not installed, keeping {}: {}", info.getVersion(), installer.installed().orElse("none"),
          e.getMessage());
    }
  }

  private byte[] download(BundleInfo info) {
    // cancelled on every way out: a refused chunk must not leave the server streaming until the deadline
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      BundleAssembler assembler = new BundleAssembler();
      Iterator<BundleChunk> chunks = ModelRegistryGrpc.newBlockingStub(channel)
          .withDeadlineAfter(settings.downloadDeadline().toMillis(), TimeUnit.MILLISECONDS)
          .download(DownloadRequest.newBuilder().setVersion(info.getVersion()).build());
      while (chunks.hasNext()) {
        Optional<byte[]> whole = assembler.accept(chunks.next());
        if (whole.isPresent()) {
          // the assembler checked the last chunk's hash; this checks it is the one announced
          if (!BundleAssembler.sha256Hex(whole.get()).equals(info.getSha256Hex())) {
            throw new IllegalArgumentException("sha256_hex: bundle " + info.getVersion()
                + " hashes differently from its BundleInfo " + info.getSha256Hex());
          }
          return whole.get();
        }
      }
      throw new IllegalArgumentException("download of " + info.getVersion() + " ended before the last chunk");
    } finally {
      context.detach(previous);
      context.cancel(null);
    }
  }

  private void submit(Runnable task) {
    if (!running) {
      return;
    }
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      // the caller shut the worker down: following has ended
    }
  }

  /** Cancels the Watch and schedules nothing more; the bundle in service stays where it is. */
  @Override
  public synchronized void close() {
    running = false;
    watch.ifPresent(w -> w.cancel(null));
    watch = Optional.empty();
  }
}
