package io.isacemu.device.model;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.isacemu.core.validation.Check;
import io.isacemu.proto.BundleArchive;
import io.isacemu.proto.BundleAssembler;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.WatchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device-side client of the training service's ModelRegistry (the counterpart of the BS's
 * ModelUpdater): fetches the latest bundle (GetLatest + chunked Download, SHA-256 checked against
 * the last chunk and the BundleInfo), unpacks it ({@link BundleArchive}) and installs it in {@link
 * BundleEncoders}; then Watches and installs every new version. A failed download or load keeps the
 * previous bundle; a broken Watch is re-opened after 1 s doubling to 30 s.
 */
public final class ModelFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelFollower.class);
  private static final long FIRST_RETRY_MS = 1000;
  private static final long MAX_RETRY_MS = 30_000;

  private final String target;
  private final BundleEncoders encoders;
  private final Optional<ManagedChannel> registry;
  private ManagedChannel channel;
  private ScheduledExecutorService worker;
  private volatile boolean running;
  private volatile long retryMs = FIRST_RETRY_MS;

  /**
   * @param registry channel to the ModelRegistry, owned (shut down on {@link #close}); empty =
   *     follow nothing ({@link #start} does nothing, LOCAL stays unavailable)
   * @param target the registry's address, for log messages
   * @param encoders where bundles are installed
   */
  public ModelFollower(Optional<ManagedChannel> registry, String target, BundleEncoders encoders) {
    this.registry = Check.present("registry", registry);
    this.target = Check.present("target", target);
    this.encoders = Check.present("encoders", encoders);
  }

  /** Starts fetching and watching on a daemon thread; returns at once. */
  public synchronized void start() {
    if (registry.isEmpty()) {
      log.info("isacemu.device.model.registry-target is blank: no model bundle, LOCAL commands are refused");
      return;
    }
    running = true;
    channel = registry.get();
    worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "device-model-follower");
      t.setDaemon(true);
      return t;
    });
    worker.execute(this::fetchLatest);
    worker.execute(this::watch);
  }

  private void fetchLatest() {
    try {
      GetLatestRequest.Builder req = GetLatestRequest.newBuilder();
      encoders.version().ifPresent(req::setKnownVersion);
      BundleInfo info = ModelRegistryGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .getLatest(req.build());
      retryMs = FIRST_RETRY_MS;
      install(info);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        log.info("the model registry has no bundle yet; LOCAL processing waits for one");
      } else {
        log.debug("GetLatest from {} failed: {}", target, e.getStatus());
      }
    }
  }

  private void watch() {
    if (!running) {
      return;
    }
    WatchRequest.Builder req = WatchRequest.newBuilder();
    encoders.version().ifPresent(req::setKnownVersion);
    ModelRegistryGrpc.newStub(channel).watch(req.build(), new StreamObserver<>() {
      @Override
      public void onNext(BundleInfo info) {
        retryMs = FIRST_RETRY_MS;
        submit(() -> install(info));
      }

      @Override
      public void onError(Throwable t) {
        if (running) {
          long delay = retryMs;
          retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
          log.debug("Watch on {} ended: {}; re-opening in {} ms", target, Status.fromThrowable(t), delay);
          schedule(delay, () -> {
            fetchLatest();
            watch();
          });
        }
      }

      @Override
      public void onCompleted() {
        onError(Status.UNAVAILABLE.withDescription("server ended Watch").asRuntimeException());
      }
    });
  }

  private synchronized void submit(Runnable r) {
    if (running && worker != null) {
      worker.execute(r);
    }
  }

  private synchronized void schedule(long delayMs, Runnable r) {
    if (running && worker != null) {
      worker.schedule(r, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void install(BundleInfo info) {
    if (Optional.of(info.getVersion()).equals(encoders.version())) {
      return;
    }
    Path dir = null;
    try {
      byte[] bytes = download(info);
      dir = Files.createTempDirectory("device-bundle-");
      encoders.install(info.getVersion(), BundleArchive.unpack(bytes, dir));
    } catch (IOException | RuntimeException e) {
      log.warn("model bundle {} not installed, keeping {}: {}", info.getVersion(),
          encoders.version().orElse("none"), e.getMessage());
    } finally {
      BundleArchive.deleteQuietly(dir);
    }
  }

  private byte[] download(BundleInfo info) {
    BundleAssembler assembler = new BundleAssembler();
    Iterator<BundleChunk> chunks = ModelRegistryGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.MINUTES)
        .download(DownloadRequest.newBuilder().setVersion(info.getVersion()).build());
    while (chunks.hasNext()) {
      Optional<byte[]> whole = assembler.accept(chunks.next());
      if (whole.isPresent()) {
        if (!BundleAssembler.sha256Hex(whole.get()).equals(info.getSha256Hex())) {
          throw new IllegalArgumentException("sha256_hex: bundle " + info.getVersion()
              + " hashes differently from its BundleInfo " + info.getSha256Hex());
        }
        return whole.get();
      }
    }
    throw new IllegalArgumentException("download of " + info.getVersion() + " ended before the last chunk");
  }

  /** Stops watching and closes the channel (the installed bundle stays in {@link BundleEncoders}). */
  @Override
  public synchronized void close() {
    running = false;
    registry.ifPresent(ManagedChannel::shutdownNow);
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }
}
