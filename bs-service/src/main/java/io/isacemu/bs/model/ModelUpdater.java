package io.isacemu.bs.model;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.isacemu.bs.BsProperties;
import io.isacemu.proto.BundleArchive;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.FollowerSettings;
import io.isacemu.proto.RegistryFollower;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The BS's side of the training service's ModelRegistry: a {@link RegistryFollower} (GetLatest,
 * Watch with back-off, SHA-256-checked Download) whose bundles are loaded and put in service in the
 * {@link ModelHolder}. A bundle that fails to download or load is counted in {@code
 * bs.model.install.failures} and the previous model stays in service; each one put in service is
 * counted in {@code bs.model.installs}.
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

  private final String target;
  private final ModelHolder holder;
  private final ModelLoader loader;
  private final Clock clock;
  private final Counter failures;
  private final Counter installs;
  private final Counter cacheRejected;
  private final Optional<BundleCache> cache;
  private Optional<ManagedChannel> channel = Optional.empty();
  private Optional<ScheduledExecutorService> worker = Optional.empty();
  private Optional<RegistryFollower> follower = Optional.empty();

  ModelUpdater(BsProperties properties, ModelHolder holder, ModelLoader loader, MeterRegistry meters, Clock clock) {
    this.target = properties.registryTarget();
    this.holder = holder;
    this.loader = loader;
    this.clock = clock;
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
    ScheduledExecutorService w = RegistryFollower.daemonWorker("bs-model-updater");
    worker = Optional.of(w);
    // the cached bundle first, on the follower's worker: it is in service before the registry answers
    w.execute(this::restoreCached);
    if (target.isBlank()) {
      log.warn("isac.bs.registry-target is blank: no model will be fetched; tasks fail until one is");
      return;
    }
    ManagedChannel c = target.startsWith("in-process:")
        ? InProcessChannelBuilder.forName(target.substring("in-process:".length())).build()
        : NettyChannelBuilder.forTarget(target).usePlaintext().build();
    channel = Optional.of(c);
    RegistryFollower f = new RegistryFollower(c, FollowerSettings.defaults(target, "bs-bundle-"), new Installer(), w,
        clock);
    follower = Optional.of(f);
    f.start();
  }

  /** Puts the cached bundle in service when there is one that passes its SHA-256 check. */
  private void restoreCached() {
    if (cache.isEmpty() || holder.version().isPresent()) {
      return;
    }
    try {
      Optional<BundleCache.Cached> cached = cache.get().read();
      if (cached.isEmpty()) {
        log.info("no cached bundle in {}; waiting for the model registry", cache.get().directory());
        return;
      }
      BundleArchive.withUnpacked(cached.get().zip(), "bs-bundle-",
          dir -> holder.swap(loader.load(dir, cached.get().version())));
      log.info("serving cached bundle {} (sha256 {}) from {}", cached.get().version(), cached.get().sha256Hex(),
          cache.get().directory());
    } catch (IOException | RuntimeException e) {
      cacheRejected.increment();
      log.warn("cached bundle in {} refused, waiting for the model registry: {}", cache.get().directory(),
          e.getMessage());
    }
  }

  /** Loads, caches and swaps in each bundle the follower hands over. */
  private final class Installer implements RegistryFollower.Installer {
    @Override
    public Optional<String> installed() {
      return holder.version();
    }

    @Override
    public void install(RegistryFollower.Bundle bundle) {
      ServingModel model = loader.load(bundle.directory(), bundle.version());
      keep(bundle);
      holder.swap(model);
      installs.increment();
    }

    @Override
    public void rejected(BundleInfo info, Exception why) {
      failures.increment();
    }
  }

  // after the load (a bundle that fails to load is never cached), before the swap (what serves is on disk);
  // a failed write still lets the model serve
  private void keep(RegistryFollower.Bundle bundle) {
    try {
      if (cache.isPresent()) {
        cache.get().keep(bundle.version(), bundle.info().getSha256Hex(), bundle.zip());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("bundle {} could not be cached in {} (it serves all the same): {}", bundle.version(),
          cache.get().directory(), e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    follower.ifPresent(RegistryFollower::close);
    worker.ifPresent(ScheduledExecutorService::shutdownNow);
    channel.ifPresent(ManagedChannel::shutdownNow);
    follower = Optional.empty();
    worker = Optional.empty();
    channel = Optional.empty();
  }

  @Override
  public boolean isRunning() {
    return worker.isPresent();
  }
}
