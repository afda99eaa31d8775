package io.isacemu.training.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.WatchRequest;
import io.isacemu.training.TestSupport;
import io.isacemu.training.bundle.BundleStore;
import io.isacemu.training.bundle.PublishedBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryServiceTest {

  @TempDir Path dir;
  private BundleStore store;
  private Server server;
  private ManagedChannel channel;
  private ModelRegistryGrpc.ModelRegistryBlockingStub blocking;

  @BeforeEach
  void start() throws Exception {
    store = new BundleStore(dir, TestSupport.tickingClock(), TestSupport.json());
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new ModelRegistryService(store))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    blocking = ModelRegistryGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private PublishedBundle publish(String version, int payloadBytes) throws Exception {
    Path work = store.newWorkDir("t");
    byte[] payload = new byte[payloadBytes];
    new Random(payloadBytes).nextBytes(payload); // incompressible: the archive is about this big
    Files.write(work.resolve("expert.params"), payload);
    return store.publish(work, version, "demo", List.of("T", "V+A+T"), Map.of());
  }

  @Test
  void getLatestIsNotFoundBeforeAnyBundleThenDescribesTheNewest() throws Exception {
    assertThatThrownBy(() -> blocking.getLatest(GetLatestRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    publish("v1", 100);
    PublishedBundle v2 = publish("v2", 100);
    BundleInfo info = blocking.getLatest(GetLatestRequest.newBuilder().setKnownVersion("v1").build());
    assertThat(info.getVersion()).isEqualTo("v2");
    assertThat(info.getSha256Hex()).isEqualTo(v2.sha256Hex());
    assertThat(info.getSizeBytes()).isEqualTo(v2.sizeBytes());
    assertThat(info.getExpertNamesList()).containsExactly("T", "V+A+T");
    assertThat(info.getCreatedAt().getSeconds()).isEqualTo(v2.createdAt().getEpochSecond());
  }

  @Test
  void downloadReassemblesInOrderedChunksWithChecksumOnTheLast() throws Exception {
    PublishedBundle b = publish("v1", 600_000);
    for (int requested : new int[] {0, 1024, 100_000, 2_097_152}) {
      int expectedChunk =
          requested == 0 ? 256 * 1024 : Math.max(16 * 1024, Math.min(1024 * 1024, requested));
      Iterator<BundleChunk> it =
          blocking.download(DownloadRequest.newBuilder().setVersion("v1").setChunkSizeBytes(requested).build());
      List<BundleChunk> chunks = new ArrayList<>();
      it.forEachRemaining(chunks::add);
      ByteString all = ByteString.EMPTY;
      for (int i = 0; i < chunks.size(); i++) {
        BundleChunk c = chunks.get(i);
        assertThat(c.getOffsetBytes()).isEqualTo(all.size());
        assertThat(c.getData().size()).isBetween(1, expectedChunk);
        assertThat(c.getLast()).isEqualTo(i == chunks.size() - 1);
        assertThat(c.getSha256Hex().isEmpty()).isEqualTo(!c.getLast());
        assertThat(c.getVersion()).isEqualTo("v1");
        all = all.concat(c.getData());
      }
      assertThat(chunks).hasSize((int) ((b.sizeBytes() + expectedChunk - 1) / expectedChunk));
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray()));
      assertThat(sha).isEqualTo(chunks.get(chunks.size() - 1).getSha256Hex()).isEqualTo(b.sha256Hex());
      assertThat(all.toByteArray()).isEqualTo(Files.readAllBytes(b.archive()));
    }
  }

  @Test
  void emptyVersionDownloadsTheLatest() throws Exception {
    publish("v1", 10);
    publish("v2", 10);
    Iterator<BundleChunk> it = blocking.download(DownloadRequest.getDefaultInstance());
    assertThat(it.next().getVersion()).isEqualTo("v2");
  }

  @Test
  void unknownVersionIsNotFound() throws Exception {
    publish("v1", 10);
    assertThatThrownBy(() -> blocking.download(DownloadRequest.newBuilder().setVersion("nope").build()).next())
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("nope");
            });
  }

  @Test
  void chunkSizeOutOfRangeIsInvalidArgumentNamingTheField() throws Exception {
    publish("v1", 10);
    for (int bad : new int[] {1, 1023, 2_097_153}) {
      assertThatThrownBy(
              () -> blocking.download(DownloadRequest.newBuilder().setVersion("v1").setChunkSizeBytes(bad).build()).next())
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).startsWith("chunk_size_bytes: " + bad);
              });
    }
  }

  @Test
  void watchSendsCurrentLatestThenEachNewVersionOnce() throws Exception {
    publish("v1", 10);
    LinkedBlockingQueue<BundleInfo> seen = new LinkedBlockingQueue<>();
    ModelRegistryGrpc.ModelRegistryStub async = ModelRegistryGrpc.newStub(channel);
    io.grpc.Context.CancellableContext ctx = io.grpc.Context.current().withCancellation();
    ctx.run(() -> async.watch(WatchRequest.getDefaultInstance(), collect(seen)));
    assertThat(seen.poll(5, TimeUnit.SECONDS).getVersion()).isEqualTo("v1");
    publish("v2", 10);
    assertThat(seen.poll(5, TimeUnit.SECONDS).getVersion()).isEqualTo("v2");
    assertThat(seen).isEmpty();
    ctx.cancel(null);
  }

  @Test
  void watchWithTheCurrentVersionWaitsForTheNextOne() throws Exception {
    publish("v1", 10);
    LinkedBlockingQueue<BundleInfo> seen = new LinkedBlockingQueue<>();
    io.grpc.Context.CancellableContext ctx = io.grpc.Context.current().withCancellation();
    ctx.run(
        () ->
            ModelRegistryGrpc.newStub(channel)
                .watch(WatchRequest.newBuilder().setKnownVersion("v1").build(), collect(seen)));
    assertThat(seen).isEmpty();
    publish("v2", 10);
    assertThat(seen.poll(5, TimeUnit.SECONDS).getVersion()).isEqualTo("v2");
    ctx.cancel(null);
  }

  private static StreamObserver<BundleInfo> collect(LinkedBlockingQueue<BundleInfo> sink) {
    return new StreamObserver<>() {
      @Override
      public void onNext(BundleInfo value) {
        sink.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
