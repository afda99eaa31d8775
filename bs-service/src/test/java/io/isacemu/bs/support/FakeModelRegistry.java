package io.isacemu.bs.support;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BundleAssembler;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.WatchRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory ModelRegistry: {@link #publish} a version, optionally with bytes that do not match
 * the announced hash (a corrupt download).
 */
public final class FakeModelRegistry extends ModelRegistryGrpc.ModelRegistryImplBase {

  private record Entry(BundleInfo info, byte[] bytes) {}

  private final Map<String, Entry> versions = new ConcurrentHashMap<>();
  private volatile Entry latest;
  private final List<StreamObserver<BundleInfo>> watchers = new CopyOnWriteArrayList<>();

  /** Publishes {@code bytes} as {@code version}; announced to watchers. */
  public void publish(String version, byte[] bytes) {
    publish(version, bytes, bytes);
  }

  /** Publishes {@code announced}'s hash but serves {@code served} (corrupt when they differ). */
  public void publish(String version, byte[] announced, byte[] served) {
    BundleInfo info = BundleInfo.newBuilder().setVersion(version).setSizeBytes(announced.length)
        .setSha256Hex(BundleAssembler.sha256Hex(announced)).setPreset("tiny")
        .addExpertNames("T").addExpertNames("V+A+T").build();
    Entry e = new Entry(info, served);
    versions.put(version, e);
    latest = e;
    for (StreamObserver<BundleInfo> w : watchers) {
      try {
        w.onNext(info);
      } catch (RuntimeException gone) {
        watchers.remove(w);
      }
    }
  }

  @Override
  public void getLatest(GetLatestRequest request, StreamObserver<BundleInfo> out) {
    Entry e = latest;
    if (e == null) {
      out.onError(Status.NOT_FOUND.withDescription("no bundle").asRuntimeException());
      return;
    }
    out.onNext(e.info());
    out.onCompleted();
  }

  @Override
  public void download(DownloadRequest request, StreamObserver<BundleChunk> out) {
    Entry e = versions.get(request.getVersion());
    if (e == null) {
      out.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    int chunk = 64 * 1024;
    byte[] b = e.bytes();
    for (int off = 0; off < b.length; off += chunk) {
      int len = Math.min(chunk, b.length - off);
      boolean last = off + len >= b.length;
      BundleChunk.Builder c = BundleChunk.newBuilder().setVersion(e.info().getVersion()).setOffsetBytes(off)
          .setData(ByteString.copyFrom(b, off, len)).setLast(last);
      if (last) {
        c.setSha256Hex(e.info().getSha256Hex());
      }
      out.onNext(c.build());
    }
    out.onCompleted();
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<BundleInfo> out) {
    ((ServerCallStreamObserver<BundleInfo>) out).setOnCancelHandler(() -> watchers.remove(out));
    watchers.add(out);
    Entry e = latest;
    if (e != null && !(request.hasKnownVersion() && request.getKnownVersion().equals(e.info().getVersion()))) {
      out.onNext(e.info());
    }
  }
}
