package io.isacemu.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A registry that holds published bundles in memory and announces them to watchers; shared by the
 * proto tests (a fresh instance per server: a "restarted" registry is a new one).
 */
final class FakeRegistry extends ModelRegistryGrpc.ModelRegistryImplBase {
  private final List<BundleInfo> infos = new CopyOnWriteArrayList<>();
  private final List<byte[]> bundles = new CopyOnWriteArrayList<>();
  private final List<StreamObserver<BundleInfo>> watchers = new CopyOnWriteArrayList<>();
  final CountDownLatch watching = new CountDownLatch(1);
  volatile int corruptByteAt = -1;
  // true: Watch fails at once (a registry whose Watch is broken while GetLatest answers)
  volatile boolean dropWatch;

  /** Publishes a complete bundle: only now does it become visible. */
  BundleInfo publish(String version, byte[] bundle) {
    return publish(version, bundle, bundle);
  }

  /** Announces {@code announced}'s size and SHA-256 but serves {@code served} (corrupt when they differ). */
  BundleInfo publish(String version, byte[] announced, byte[] served) {
    BundleInfo info = BundleInfo.newBuilder()
        .setVersion(version)
        .setCreatedAt(Timestamp.newBuilder().setSeconds(1_764_000_000L + infos.size()))
        .setSizeBytes(announced.length)
        .setSha256Hex(BundleAssembler.sha256Hex(announced))
        .setPreset("mosei-synthetic")
        .addExpertNames("text")
        .addExpertNames("video+audio+text")
        .setMetadataJson("{\"accuracy\":0.79}")
        .build();
    bundles.add(served.clone());
    infos.add(info);
    watchers.forEach(w -> w.onNext(info));
    return info;
  }

  /** Watch calls open now (cancelled ones are removed). */
  int watcherCount() {
    return watchers.size();
  }

  @Override
  public void getLatest(GetLatestRequest request, StreamObserver<BundleInfo> response) {
    if (infos.isEmpty()) {
      response.onError(Status.NOT_FOUND.withDescription("no bundle yet").asRuntimeException());
      return;
    }
    response.onNext(infos.get(infos.size() - 1));
    response.onCompleted();
  }

  @Override
  public void download(DownloadRequest request, StreamObserver<BundleChunk> response) {
    int index = request.getVersion().isEmpty() ? infos.size() - 1 : indexOf(request.getVersion());
    if (index < 0) {
      response.onError(Status.NOT_FOUND.withDescription("version: " + request.getVersion())
          .asRuntimeException());
      return;
    }
    byte[] bundle = bundles.get(index).clone();
    if (corruptByteAt >= 0) {
      bundle[corruptByteAt] ^= 1;
    }
    int chunk = request.getChunkSizeBytes() == 0 ? 1 << 20 : request.getChunkSizeBytes();
    String version = infos.get(index).getVersion();
    for (int offset = 0; offset < bundle.length; offset += chunk) {
      int end = Math.min(bundle.length, offset + chunk);
      BundleChunk.Builder out = BundleChunk.newBuilder().setVersion(version)
          .setOffsetBytes(offset)
          .setData(ByteString.copyFrom(Arrays.copyOfRange(bundle, offset, end)))
          .setLast(end == bundle.length);
      if (end == bundle.length) {
        out.setSha256Hex(infos.get(index).getSha256Hex());
      }
      response.onNext(out.build());
    }
    response.onCompleted();
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<BundleInfo> response) {
    if (dropWatch) {
      response.onError(Status.UNAVAILABLE.withDescription("watch dropped").asRuntimeException());
      return;
    }
    ServerCallStreamObserver<BundleInfo> call = (ServerCallStreamObserver<BundleInfo>) response;
    call.setOnCancelHandler(() -> watchers.remove(response));
    watchers.add(response);
    if (!infos.isEmpty()) {
      BundleInfo latest = infos.get(infos.size() - 1);
      if (!request.hasKnownVersion() || !request.getKnownVersion().equals(latest.getVersion())) {
        response.onNext(latest);
      }
    }
    watching.countDown();
  }

  private int indexOf(String version) {
    for (int i = 0; i < infos.size(); i++) {
      if (infos.get(i).getVersion().equals(version)) {
        return i;
      }
    }
    return -1;
  }
}
