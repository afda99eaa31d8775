package io.isacemu.device.model;

import io.grpc.ManagedChannel;
import io.isacemu.core.validation.Check;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.proto.FollowerSettings;
import io.isacemu.proto.RegistryFollower;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's side of the training service's ModelRegistry: a {@link RegistryFollower} (GetLatest,
 * Watch with back-off, SHA-256-checked Download) whose bundles are installed in {@link
 * BundleEncoders}. A failed download or install keeps the previous bundle.
 */
public final class ModelFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelFollower.class);

  private final Optional<ManagedChannel> registry;
  private final Optional<RegistryFollower> follower;
  private final Optional<ScheduledExecutorService> worker;

  /**
   * @param registry channel to the ModelRegistry, owned (shut down on {@link #close}); empty =
   *     follow nothing ({@link #start} does nothing, LOCAL stays unavailable)
   * @param target the registry's address, for log messages
   * @param encoders where bundles are installed
   * @param clock measures how long a Watch stayed open (its UTC instant; see {@link RegistryFollower})
   */
  public ModelFollower(Optional<ManagedChannel> registry, String target, BundleEncoders encoders, WallClock clock) {
    this.registry = Check.present("registry", registry);
    Check.present("target", target);
    Check.present("encoders", encoders);
    Check.present("clock", clock);
    this.worker = registry.map(r -> RegistryFollower.daemonWorker("device-model-follower"));
    this.follower = registry.map(channel -> new RegistryFollower(channel,
        FollowerSettings.defaults(target, "device-bundle-"), new RegistryFollower.Installer() {
          @Override
          public Optional<String> installed() {
            return encoders.version();
          }

          @Override
          public void install(RegistryFollower.Bundle bundle) {
            encoders.install(bundle.version(), bundle.directory());
          }
        }, worker.orElseThrow(), clock.asUtcClock()));
  }

  /** Starts fetching and watching on a daemon thread; returns at once. */
  public void start() {
    if (follower.isEmpty()) {
      log.info("isac.device.model.registry-target is blank: no model bundle, LOCAL commands are refused");
      return;
    }
    follower.get().start();
  }

  /** Stops watching and closes the channel (the installed bundle stays in {@link BundleEncoders}). */
  @Override
  public void close() {
    follower.ifPresent(RegistryFollower::close);
    worker.ifPresent(ScheduledExecutorService::shutdownNow);
    registry.ifPresent(ManagedChannel::shutdownNow);
  }
}
