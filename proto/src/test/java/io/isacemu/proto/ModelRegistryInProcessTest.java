package io.isacemu.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BS's side of the model registry against a fake training service, in process. */
class ModelRegistryInProcessTest {
  private static final int BUNDLE_BYTES = 300_000;
  private static final int CHUNK_BYTES = 65_536;

  private final FakeRegistry registry = new FakeRegistry();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(registry).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void downloadStreamsChunksThatReassembleToTheShaCheckedBundle() {
    byte[] bundle = seededBytes(BUNDLE_BYTES, 11);
    BundleInfo published = registry.publish("v1", bundle);
    ModelRegistryGrpc.ModelRegistryBlockingStub stub = ModelRegistryGrpc.newBlockingStub(channel);

    BundleInfo latest = stub.getLatest(GetLatestRequest.getDefaultInstance());
    List<BundleChunk> chunks = new ArrayList<>();
    stub.download(DownloadRequest.newBuilder().setChunkSizeBytes(CHUNK_BYTES).build())
        .forEachRemaining(chunks::add);

    assertThat(latest).isEqualTo(published);
    // ceil(300,000 / 65,536) = 5 chunks, contiguous, only the last flagged and carrying the hash.
    assertThat(chunks).hasSize(5);
    assertThat(chunks).extracting(BundleChunk::getOffsetBytes)
        .containsExactly(0L, 65_536L, 131_072L, 196_608L, 262_144L);
    assertThat(chunks).extracting(BundleChunk::getLast)
        .containsExactly(false, false, false, false, true);
    assertThat(chunks.subList(0, 4)).allSatisfy(c -> assertThat(c.getSha256Hex()).isEmpty());
    assertThat(chunks).allSatisfy(c -> assertThat(c.getVersion()).isEqualTo("v1"));

    BundleAssembler assembler = new BundleAssembler();
    Optional<byte[]> joined = Optional.empty();
    for (BundleChunk chunk : chunks) {
      joined = assembler.accept(chunk);
    }
    assertThat(joined).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(bundle));
    assertThat(BundleAssembler.sha256Hex(joined.orElseThrow())).isEqualTo(latest.getSha256Hex());
  }

  @Test
  void aCorruptedByteFailsTheShaCheckOnTheLastChunk() {
    registry.publish("v1", seededBytes(BUNDLE_BYTES, 12));
    registry.corruptByteAt = 70_000;
    BundleAssembler assembler = new BundleAssembler();
    List<BundleChunk> chunks = new ArrayList<>();
    ModelRegistryGrpc.newBlockingStub(channel)
        .download(DownloadRequest.newBuilder().setVersion("v1").setChunkSizeBytes(CHUNK_BYTES)
            .build())
        .forEachRemaining(chunks::add);

    for (BundleChunk chunk : chunks.subList(0, chunks.size() - 1)) {
      assertThat(assembler.accept(chunk)).isEmpty();
    }
    assertThatThrownBy(() -> assembler.accept(chunks.get(chunks.size() - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256_hex");
  }

  @Test
  void aGapBetweenChunksIsRefused() {
    BundleAssembler assembler = new BundleAssembler();
    assembler.accept(BundleChunk.newBuilder().setVersion("v").setOffsetBytes(0)
        .setData(ByteString.copyFrom(new byte[10])).build());

    assertThatThrownBy(() -> assembler.accept(BundleChunk.newBuilder().setVersion("v")
        .setOffsetBytes(11).setData(ByteString.copyFrom(new byte[10])).build()))
        .hasMessageContaining("offset_bytes: 11 but expected 10");
  }

  @Test
  void getLatestBeforeAnyBundleIsNotFound() {
    assertThatThrownBy(() -> ModelRegistryGrpc.newBlockingStub(channel)
        .getLatest(GetLatestRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void watchAnnouncesANewCompleteVersionAndNotTheOneAlreadyKnown() throws InterruptedException {
    registry.publish("v1", seededBytes(1_000, 1));
    BlockingQueue<BundleInfo> announced = new LinkedBlockingQueue<>();
    Context.CancellableContext watch = Context.current().withCancellation();
    try {
      watch.run(() -> ModelRegistryGrpc.newStub(channel).watch(
          WatchRequest.newBuilder().setKnownVersion("v1").build(), new QueueObserver(announced)));
      assertThat(registry.watching.await(5, TimeUnit.SECONDS)).isTrue();

      BundleInfo v2 = registry.publish("v2", seededBytes(2_000, 2));

      assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(v2);
      assertThat(announced).isEmpty();
    } finally {
      watch.cancel(null);
    }
  }

  private static byte[] seededBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  private record QueueObserver(BlockingQueue<BundleInfo> queue)
      implements StreamObserver<BundleInfo> {
    @Override
    public void onNext(BundleInfo info) {
      queue.add(info);
    }

    @Override
    public void onError(Throwable t) {
      // Cancelled at the end of the test.
    }

    @Override
    public void onCompleted() {}
  }
}
