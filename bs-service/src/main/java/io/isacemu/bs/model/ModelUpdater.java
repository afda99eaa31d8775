package io.isacemu.bs.model;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.isacemu.bs.BsProperties;
import io.isacemu.proto.BundleArchive;
import io.isacemu.proto.BundleAssembler;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.WatchRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Client of the training service's ModelRegistry: on start fetches the latest bundle (GetLatest +
 * Download, SHA-256 checked against the BundleInfo and the last chunk), unpacks it, loads it and
 * puts it in service; then Watches for new versions and installs each. A failed download or load
 * (corrupt, partial, wrong architecture) is logged and counted and the previous model stays in
 * service. A broken Watch is re-opened after an exponential back-off (1 s doubling to 30 s; the
 * first failure of an outage is logged at WARN, the repeats at DEBUG).
 *
 * <p>With {@code isac.bs.storage.bundle-cache-dir} set, every installed bundle is also kept on local
 * disk ({@link BundleCache}), and on start the cached one is verified against its SHA-256 and put in
 * service before the registry is asked: a restarted BS serves while the training service is
 * unreachable. A cache that fails its check is refused (logged, counted in {@code
 * bs.model.cache.rejected}) and the BS waits for the registry as if it had none.
 */
@Component
public class ModelUpdater implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ModelUpdater.class);
  private static final long FIRST_RETRY_MS = 1000;
  private static final long MAX_RETRY_MS = 30_000;

  private final String target;
  private final ModelHolder holder;
  private final ModelLoader loader;
  private final Counter failures;
  private final Counter installs;
  private final Counter cacheRejected;
  private final Optional<BundleCache> cache;
  private ManagedChannel channel;
  private ScheduledExecutorService worker;
  private volatile boolean running;
  // exponential back-off of re-opening Watch while the registry is unreachable; reset on success
  private volatile long retryMs = FIRST_RETRY_MS;

  ModelUpdater(BsProperties properties, ModelHolder holder, ModelLoader loader, MeterRegistry meters) {
    this.target = properties.registryTarget();
    this.holder = holder;
    this.loader = loader;
    this.failures = Counter.builder("bs.model.install.failures").register(meters);
    this.installs = Counter.builder("bs.model.installs").register(meters);
    this.cacheRejected = Counter.builder("bs.model.cache.rejected")
        .description("Cached bundles refused at start because they failed their SHA-256 check or could not be read")
        .register(meters);
    String cacheDir = properties.storage().bundleCacheDir();
    this.cache = cacheDir.isEmpty() ? Optional.empty() : Optional.of(new BundleCache(Path.of(cacheDir)));
  }

  @Override
  public synchronized void start() {
    running = true;
    worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bs-model-updater");
      t.setDaemon(true);
      return t;
    });
    // the cached bundle first: it is in service before the registry answers, or when it never does
    worker.execute(this::restoreCached);
    if (target.isBlank()) {
      log.warn("isac.bs.registry-target is blank: no model will be fetched; tasks fail until one is");
      return;
    }
    channel = target.startsWith("in-process:")
        ? InProcessChannelBuilder.forName(target.substring("in-process:".length())).build()
        : NettyChannelBuilder.forTarget(target).usePlaintext().build();
    worker.execute(this::fetchLatest);
    worker.execute(this::watch);
  }

  /** Puts the cached bundle in service when there is one that passes its SHA-256 check. */
  void restoreCached() {
    if (cache.isEmpty() || holder.version().isPresent()) {
      return;
    }
    Path dir = null;
    try {
      Optional<BundleCache.Cached> cached = cache.get().read();
      if (cached.isEmpty()) {
        log.info("no cached bundle in {}; waiting for the model registry", cache.get().directory());
        return;
      }
      dir = Files.createTempDirectory("bs-bundle-");
      Path bundle = BundleArchive.unpack(cached.get().zip(), dir);
      holder.swap(loader.load(bundle, cached.get().version()));
      log.info("serving cached bundle {} (sha256 {}) from {}", cached.get().version(), cached.get().sha256Hex(),
          cache.get().directory());
    } catch (IOException | RuntimeException e) {
      cacheRejected.increment();
      log.warn("cached bundle in {} refused, waiting for the model registry: {}", cache.get().directory(),
          e.getMessage());
    } finally {
      BundleArchive.deleteQuietly(dir);
    }
  }

  /** Fetches and installs the latest bundle if it differs from the one in service. */
  void fetchLatest() {
    try {
      GetLatestRequest.Builder req = GetLatestRequest.newBuilder();
      holder.version().ifPresent(req::setKnownVersion);
      BundleInfo info = ModelRegistryGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .getLatest(req.build());
      retryMs = FIRST_RETRY_MS;
      install(info);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        log.info("the model registry has no bundle yet; waiting for one");
      } else if (retryMs == FIRST_RETRY_MS) {
        log.warn("GetLatest from {} failed: {}; retrying with back-off", target, e.getStatus());
      } else {
        log.debug("GetLatest from {} failed again: {}", target, e.getStatus());
      }
    }
  }

  private void watch() {
    if (!running) {
      return;
    }
    WatchRequest.Builder req = WatchRequest.newBuilder();
    holder.version().ifPresent(req::setKnownVersion);
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

  /** Downloads, checks, loads and swaps in {@code info}'s bundle unless it is already in service. */
  void install(BundleInfo info) {
    if (Optional.of(info.getVersion()).equals(holder.version())) {
      return;
    }
    Path dir = null;
    try {
      byte[] bytes = download(info);
      dir = Files.createTempDirectory("bs-bundle-");
      Path bundle = BundleArchive.unpack(bytes, dir);
      ServingModel model = loader.load(bundle, info.getVersion());
      keep(info, bytes);
      holder.swap(model);
      installs.increment();
    } catch (IOException | RuntimeException e) {
      failures.increment();
      log.warn("bundle {} not installed, keeping {}: {}", info.getVersion(),
          holder.version().orElse("no model"), e.getMessage());
    } finally {
      BundleArchive.deleteQuietly(dir);
    }
  }

  // after the load (a bundle that fails to load is never cached), before the swap (what serves is on disk);
  // a failed write still lets the model serve
  private void keep(BundleInfo info, byte[] bytes) {
    if (cache.isEmpty()) {
      return;
    }
    try {
      cache.get().keep(info.getVersion(), info.getSha256Hex(), bytes);
    } catch (IOException | RuntimeException e) {
      log.warn("bundle {} could not be cached in {} (it serves all the same): {}", info.getVersion(),
          cache.get().directory(), e.toString());
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

  @Override
  public synchronized void stop() {
    running = false;
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
