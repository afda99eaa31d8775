package io.isacemu.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RegistryFollower} against an in-process fake registry: the latest bundle and each one
 * Watch announces are delivered, a corrupt one is not, and a registry that goes away is re-joined
 * with back-off. The worker records the delays asked for and waits 10 ms instead, so the back-off
 * is observed in full without the test sleeping through it.
 */
class RegistryFollowerTest {

  private static final FollowerSettings.Backoff BACKOFF =
      new FollowerSettings.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

  private final String name = InProcessServerBuilder.generateName();
  private final RecordingWorker worker = new RecordingWorker();
  private final SteppingClock clock = new SteppingClock();
  private final Recorder installer = new Recorder();
  private FakeRegistry registry = new FakeRegistry();
  private Server server;
  private ManagedChannel channel;
  private RegistryFollower follower;

  @BeforeEach
  void start() throws IOException {
    server = InProcessServerBuilder.forName(name).addService(registry).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    follower = new RegistryFollower(channel, new FollowerSettings("in-process:" + name, "follower-test-", BACKOFF,
        Duration.ofSeconds(10), Duration.ofSeconds(30)), installer, worker, clock);
  }

  @AfterEach
  void stop() throws InterruptedException {
    follower.close();
    worker.shutdownNow();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void theLatestBundleAndThenEachOneWatchAnnouncesAreDeliveredOnce() throws IOException {
    byte[] v1 = bundle("v1");
    registry.publish("v1", v1);
    follower.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> installer.versions().contains("v1"));
    await().atMost(Duration.ofSeconds(20)).until(() -> registry.watcherCount() == 1);

    registry.publish("v2", bundle("v2"));
    await().atMost(Duration.ofSeconds(20)).until(() -> installer.versions().contains("v2"));

    assertThat(installer.versions()).containsExactly("v1", "v2");
    assertThat(installer.zips.get(0)).isEqualTo(v1);
    // the directory handed over was the unpacked bundle, readable while install ran
    assertThat(installer.payloads).containsExactly("payload of v1", "payload of v2");
    assertThat(installer.rejected).isEmpty();
    assertThat(worker.delaysMs).isEmpty();

    follower.close();
    // close cancels the Watch: the registry sees its watcher go
    await().atMost(Duration.ofSeconds(20)).until(() -> registry.watcherCount() == 0);
  }

  @Test
  void aBundleThatFailsItsSha256IsRejectedAndNotDelivered() throws IOException {
    registry.publish("v1", bundle("v1"));
    follower.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> installer.versions().contains("v1"));
    await().atMost(Duration.ofSeconds(20)).until(() -> registry.watcherCount() == 1);

    byte[] v2 = bundle("v2");
    byte[] torn = v2.clone();
    torn[torn.length / 2] ^= 0x01;
    registry.publish("v2", v2, torn);
    await().atMost(Duration.ofSeconds(20)).until(() -> installer.rejected.contains("v2"));
    assertThat(installer.versions()).containsExactly("v1");
    assertThat(installer.installed()).contains("v1");

    // the next good one is delivered: a rejection does not stop the following
    registry.publish("v3", bundle("v3"));
    await().atMost(Duration.ofSeconds(20)).until(() -> installer.versions().contains("v3"));
    assertThat(installer.versions()).containsExactly("v1", "v3");
  }

  @Test
  void aRegistryThatGoesAwayIsRejoinedWithBackoffAndTheBackoffRestartsAfterwards() throws IOException {
    registry.publish("v1", bundle("v1"));
    follower.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> registry.watcherCount() == 1);

    server.shutdownNow();
    // 1 s doubling, capped at the 8 s maximum, while nothing answers
    await().atMost(Duration.ofSeconds(20)).until(() -> worker.delaysMs.size() >= 6);
    assertThat(worker.delaysMs.subList(0, 6)).containsExactly(1000L, 2000L, 4000L, 8000L, 8000L, 8000L);

    // the training service comes back (a new process: its registry holds v1 and a new v2)
    registry = new FakeRegistry();
    registry.publish("v1", bundle("v1"));
    registry.publish("v2", bundle("v2"));
    server = InProcessServerBuilder.forName(name).addService(registry).build().start();
    await().atMost(Duration.ofSeconds(30)).until(() -> installer.versions().contains("v2"));
    await().atMost(Duration.ofSeconds(20)).until(() -> registry.watcherCount() == 1);
    assertThat(installer.versions()).containsExactly("v1", "v2");

    // GetLatest delivered v2; a Watch that then delivers nothing stays open, so drop it to see the delay
    int before = worker.delaysMs.size();
    registry.publish("v3", bundle("v3"));
    await().atMost(Duration.ofSeconds(20)).until(() -> installer.versions().contains("v3"));
    server.shutdownNow();
    await().atMost(Duration.ofSeconds(20)).until(() -> worker.delaysMs.size() > before);
    // the Watch delivered v3 (healthy): the next outage starts again at the first delay
    assertThat(worker.delaysMs.get(before)).isEqualTo(1000L);
  }

  @Test
  void aWatchDroppedAtOnceKeepsBackingOffUntilOneStaysOpenForTheMaximumDelay() throws IOException {
    registry.dropWatch = true;
    registry.publish("v1", bundle("v1"));
    follower.start();
    // GetLatest answers every time, yet the delays grow: only a healthy Watch resets them
    await().atMost(Duration.ofSeconds(20)).until(() -> worker.delaysMs.size() >= 4);
    assertThat(worker.delaysMs.subList(0, 4)).containsExactly(1000L, 2000L, 4000L, 8000L);
    assertThat(installer.versions()).containsExactly("v1");

    // from now on every Watch seems open for 9 s (the clock steps on each read) ≥ the 8 s maximum
    int before = worker.delaysMs.size();
    clock.stepMs.set(9_000);
    await().atMost(Duration.ofSeconds(20)).until(() -> worker.delaysMs.size() >= before + 3);
    assertThat(worker.delaysMs.subList(before + 1, before + 3)).containsExactly(1000L, 1000L);
  }

  @Test
  void theDelayDoublesFromFirstAndStopsAtMax() {
    assertThat(List.of(0, 1, 2, 3, 4, 100, Integer.MAX_VALUE).stream().map(BACKOFF::delayMs).toList())
        .containsExactly(1000L, 2000L, 4000L, 8000L, 8000L, 8000L, 8000L);
    assertThat(FollowerSettings.Backoff.DEFAULT.delayMs(5)).isEqualTo(30_000L);
  }

  /** A zip holding one isac-learning-shaped bundle directory whose payload names {@code version}. */
  private static byte[] bundle(String version) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("bundle-manifest.json"));
      out.write("{}".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("model/" + BundleArchive.LEARNING_MANIFEST));
      out.write(("manifest of " + version).getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("model/payload.txt"));
      out.write(("payload of " + version).getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** Installs by remembering: the version in service is the last one delivered. */
  private static final class Recorder implements RegistryFollower.Installer {
    private final List<RegistryFollower.Bundle> delivered = new CopyOnWriteArrayList<>();
    final List<byte[]> zips = new CopyOnWriteArrayList<>();
    final List<String> payloads = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();

    List<String> versions() {
      return delivered.stream().map(RegistryFollower.Bundle::version).toList();
    }

    @Override
    public Optional<String> installed() {
      List<String> v = versions();
      return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    @Override
    public void install(RegistryFollower.Bundle bundle) throws IOException {
      payloads.add(Files.readString(bundle.directory().resolve("payload.txt")));
      zips.add(bundle.zip());
      delivered.add(bundle);
    }

    @Override
    public void rejected(BundleInfo info, Exception why) {
      rejected.add(info.getVersion());
    }
  }

  /** One daemon thread that records each delay asked of {@code schedule} and waits 10 ms instead. */
  private static final class RecordingWorker extends ScheduledThreadPoolExecutor {
    final List<Long> delaysMs = new CopyOnWriteArrayList<>();

    RecordingWorker() {
      super(1, r -> {
        Thread t = new Thread(r, "follower-test-worker");
        t.setDaemon(true);
        return t;
      });
    }

    // ScheduledThreadPoolExecutor.execute goes through schedule(…, 0, …): not a back-off delay
    @Override
    public void execute(Runnable command) {
      super.schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delaysMs.add(unit.toMillis(delay));
      return super.schedule(command, 10, TimeUnit.MILLISECONDS);
    }
  }

  /** A clock that moves {@code stepMs} forward on every read (0: stands still). */
  private static final class SteppingClock extends Clock {
    final AtomicLong stepMs = new AtomicLong();
    private final AtomicLong nowMs = new AtomicLong(1_764_000_000_000L);

    @Override
    public long millis() {
      return nowMs.addAndGet(stepMs.get());
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock in UTC only");
    }
  }
}
