package io.isacemu.bs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.support.FakeModelRegistry;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.support.TestProperties;
import io.isacemu.proto.BundleAssembler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BS without its model: a bundle installed from the registry is kept on local disk, and a BS
 * restarted while the registry is unreachable (a real Netty channel to a closed port) serves it
 * again after checking its SHA-256; a cache that fails the check is refused and counted.
 */
class BundleCacheTest {

  @TempDir Path cacheDir;

  private Server server;
  private final DjlModelLoader loader = new DjlModelLoader();

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.shutdownNow();
    }
    loader.close();
  }

  private BsProperties properties(String registryTarget) {
    BsProperties p = TestProperties.withBundleCache(TestProperties.with(new BsProperties.Auth("", Map.of())), cacheDir);
    return new BsProperties(p.grpcPort(), p.grpcInProcessName(), registryTarget, p.apiKey(), p.auth(),
        p.reportPeriodMs(), p.lostAfterReports(), p.attachGraceMs(), p.maxMessageBytes(), p.sensingSeconds(),
        p.timeScaleFactor(), p.deadlineGraceMs(), p.defaultDeadlineSeconds(), p.taskThreads(), p.taskHistory(),
        p.sensingPowerW(), p.radio(), p.mec(), p.dataset(), p.processing(), p.limits(), p.plausibility(),
        p.storage());
  }

  /** A target nothing listens on: a port that was free a moment ago. */
  private static String deadTarget() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "localhost:" + s.getLocalPort();
    }
  }

  /** Installs {@code v1} from a live in-process registry, then stops that BS. */
  private byte[] installFromRegistry() throws IOException {
    FakeModelRegistry registry = new FakeModelRegistry();
    byte[] zip = TestBundle.zip();
    registry.publish("v1", zip);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(registry).build().start();
    try (ModelHolder holder = new ModelHolder()) {
      ModelUpdater updater = new ModelUpdater(properties("in-process:" + name), holder, loader, new SimpleMeterRegistry(),
          Clock.systemUTC());
      updater.start();
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> holder.version().isPresent());
        assertThat(holder.version()).contains("v1");
      } finally {
        updater.stop();
      }
    }
    return zip;
  }

  private record Restarted(ModelHolder holder, SimpleMeterRegistry meters) {}

  private Restarted restartWithoutRegistry() throws IOException {
    ModelHolder holder = new ModelHolder();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ModelUpdater updater = new ModelUpdater(properties(deadTarget()), holder, loader, meters, Clock.systemUTC());
    updater.start();
    // the restore runs first on the updater's worker; GetLatest then fails against the dead port
    await().atMost(Duration.ofSeconds(60)).until(
        () -> holder.version().isPresent() || meters.counter("bs.model.cache.rejected").count() > 0);
    updater.stop();
    return new Restarted(holder, meters);
  }

  @Test
  void aRestartedBsServesTheCachedBundleWhileTheRegistryIsUnreachable() throws IOException {
    byte[] zip = installFromRegistry();
    String sha = BundleAssembler.sha256Hex(zip);
    assertThat(cacheDir.resolve(sha + ".zip")).hasBinaryContent(zip);
    assertThat(Files.readString(cacheDir.resolve("current.properties"))).contains("version=v1", "sha256=" + sha);

    Restarted r = restartWithoutRegistry();
    try (ModelHolder holder = r.holder()) {
      assertThat(holder.version()).contains("v1");
      try (ModelLease lease = holder.acquire().orElseThrow()) {
        assertThat(lease.model().experts()).extracting(io.isacemu.core.modality.ModalitySet::name).containsExactly("T", "V+A+T");
      }
      assertThat(r.meters().counter("bs.model.cache.rejected").count()).isZero();
    }
  }

  @Test
  void aCachedArchiveWithOneFlippedByteIsRefusedAndCounted() throws IOException {
    byte[] zip = installFromRegistry();
    Path archive = cacheDir.resolve(BundleAssembler.sha256Hex(zip) + ".zip");
    byte[] torn = Files.readAllBytes(archive);
    torn[torn.length / 2] ^= 0x01;
    Files.write(archive, torn);

    Restarted r = restartWithoutRegistry();
    try (ModelHolder holder = r.holder()) {
      assertThat(holder.version()).isEmpty();
      assertThat(r.meters().counter("bs.model.cache.rejected").count()).isEqualTo(1.0);
    }
  }

  @Test
  void aMissingArchiveOrAMalformedPointerIsRefusedNamingTheFile() throws IOException {
    byte[] zip = installFromRegistry();
    String sha = BundleAssembler.sha256Hex(zip);
    BundleCache cache = new BundleCache(cacheDir);
    assertThat(cache.read()).isPresent();

    Files.delete(cacheDir.resolve(sha + ".zip"));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(cache::read))
        .isInstanceOf(BundleCache.CorruptCacheException.class)
        .hasMessageContaining(sha + ".zip: missing");

    Files.writeString(cacheDir.resolve("current.properties"), "version=v1\nsha256=../../etc/passwd\n",
        StandardCharsets.ISO_8859_1);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(cache::read))
        .isInstanceOf(BundleCache.CorruptCacheException.class)
        .hasMessageContaining("sha256 '../../etc/passwd'");
    assertThat(restartWithoutRegistry().meters().counter("bs.model.cache.rejected").count()).isEqualTo(1.0);
  }

  @Test
  void keepingANewBundleRemovesTheOldArchive() throws IOException {
    BundleCache cache = new BundleCache(cacheDir);
    byte[] a = "first".getBytes(StandardCharsets.UTF_8);
    byte[] b = "second".getBytes(StandardCharsets.UTF_8);
    cache.keep("v1", BundleAssembler.sha256Hex(a), a);
    cache.keep("v2", BundleAssembler.sha256Hex(b), b);
    try (Stream<Path> files = Files.list(cacheDir)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of(BundleAssembler.sha256Hex(b) + ".zip", "current.properties"));
    }
    assertThat(cache.read().orElseThrow().version()).isEqualTo("v2");
    assertThat(new BundleCache(cacheDir.resolve("absent")).read()).isEmpty();
  }
}
