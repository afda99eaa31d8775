package io.isacemu.training.registry;

import io.isacemu.core.digest.Sha256;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.WatchRequest;
import io.isacemu.training.bundle.BundleStore;
import io.isacemu.training.bundle.PublishedBundle;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gRPC ModelRegistry over a {@link BundleStore}: GetLatest, chunked Download (flow-controlled, the
 * SHA-256 re-computed while streaming and sent on the last chunk) and Watch.
 *
 * <p>Download chunk size: 0 means {@value #DEFAULT_CHUNK_BYTES} bytes; a value outside the
 * contract's range 1,024..2,097,152 is INVALID_ARGUMENT; a valid value is clamped to [{@value
 * #MIN_CHUNK_BYTES}, {@value #MAX_CHUNK_BYTES}] bytes (fewer, larger messages below 16 KiB; well
 * under gRPC's 4 MiB message limit above 1 MiB).
 */
public final class ModelRegistryService extends ModelRegistryGrpc.ModelRegistryImplBase {

  static final int DEFAULT_CHUNK_BYTES = 256 * 1024;
  static final int MIN_CHUNK_BYTES = 16 * 1024;
  static final int MAX_CHUNK_BYTES = 1024 * 1024;
  static final int CONTRACT_MIN_CHUNK_BYTES = 1024;
  static final int CONTRACT_MAX_CHUNK_BYTES = 2 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ModelRegistryService.class);

  private final BundleStore store;

  public ModelRegistryService(BundleStore store) {
    this.store = store;
  }

  @Override
  public void getLatest(GetLatestRequest request, StreamObserver<BundleInfo> response) {
    Optional<PublishedBundle> latest = store.latest();
    if (latest.isEmpty()) {
      response.onError(Status.NOT_FOUND.withDescription("no bundle has been published yet").asRuntimeException());
      return;
    }
    response.onNext(RegistryMapping.toProto(latest.get()));
    response.onCompleted();
  }

  @Override
  public void download(DownloadRequest request, StreamObserver<BundleChunk> response) {
    int requested = request.getChunkSizeBytes();
    if (requested != 0
        && (requested < CONTRACT_MIN_CHUNK_BYTES || requested > CONTRACT_MAX_CHUNK_BYTES)) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "chunk_size_bytes: "
                      + Integer.toUnsignedString(requested)
                      + " is outside 1024..2097152 (0 = server default)")
              .asRuntimeException());
      return;
    }
    int chunkBytes =
        requested == 0 ? DEFAULT_CHUNK_BYTES : Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, requested));
    String version = request.getVersion();
    Optional<PublishedBundle> bundle = version.isEmpty() ? store.latest() : store.find(version);
    if (bundle.isEmpty()) {
      response.onError(
          Status.NOT_FOUND
              .withDescription(
                  version.isEmpty()
                      ? "no bundle has been published yet"
                      : "version: '" + version + "' does not exist")
              .asRuntimeException());
      return;
    }
    InputStream in;
    try {
      in = store.open(bundle.get());
    } catch (IOException e) {
      response.onError(Status.UNAVAILABLE.withDescription("cannot read bundle: " + e).asRuntimeException());
      return;
    }
    new ChunkSender(bundle.get(), in, chunkBytes, (ServerCallStreamObserver<BundleChunk>) response).start();
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<BundleInfo> response) {
    ServerCallStreamObserver<BundleInfo> call = (ServerCallStreamObserver<BundleInfo>) response;
    Watcher w = new Watcher(call);
    AutoCloseable subscription = store.subscribe(w::announce);
    call.setOnCancelHandler(
        () -> {
          try {
            subscription.close();
          } catch (Exception e) {
            log.debug("unsubscribe failed", e);
          }
        });
    // Subscribed first, then the current latest: a bundle published in between is not lost, and
    // the Watcher drops anything not newer than what it already sent.
    store
        .latest()
        .filter(b -> !request.hasKnownVersion() || !b.version().equals(request.getKnownVersion()))
        .ifPresent(w::announce);
    store.latest().filter(b -> request.hasKnownVersion() && b.version().equals(request.getKnownVersion()))
        .ifPresent(w::markSent);
  }

  /** Sends each bundle at most once, newest-only order, serialised per call. */
  private static final class Watcher {
    private final ServerCallStreamObserver<BundleInfo> call;
    private PublishedBundle lastSent;

    Watcher(ServerCallStreamObserver<BundleInfo> call) {
      this.call = call;
    }

    synchronized void markSent(PublishedBundle b) {
      if (lastSent == null || newer(b, lastSent)) {
        lastSent = b;
      }
    }

    synchronized void announce(PublishedBundle b) {
      if (call.isCancelled() || (lastSent != null && !newer(b, lastSent))) {
        return;
      }
      lastSent = b;
      call.onNext(RegistryMapping.toProto(b));
    }

    private static boolean newer(PublishedBundle a, PublishedBundle b) {
      int c = a.createdAt().compareTo(b.createdAt());
      return c > 0 || (c == 0 && a.version().compareTo(b.version()) > 0);
    }
  }

  /** Streams one archive, honouring the client's flow control (sends only while ready). */
  private static final class ChunkSender {
    private final PublishedBundle bundle;
    private final InputStream in;
    private final ServerCallStreamObserver<BundleChunk> call;
    private final MessageDigest digest;
    private byte[] current;
    private int currentLength;
    private long offset;
    private boolean done;

    ChunkSender(PublishedBundle bundle, InputStream in, int chunkBytes, ServerCallStreamObserver<BundleChunk> call) {
      this.bundle = bundle;
      this.in = in;
      this.call = call;
      this.current = new byte[chunkBytes];
      this.digest = Sha256.newDigest();
    }

    void start() {
      call.setOnCancelHandler(this::close);
      call.setOnReadyHandler(this::drain);
      try {
        currentLength = in.readNBytes(current, 0, current.length);
      } catch (IOException e) {
        fail(e);
        return;
      }
      drain();
    }

    private synchronized void drain() {
      try {
        // One chunk of read-ahead tells whether the current chunk is the last.
        while (!done && call.isReady()) {
          byte[] next = new byte[current.length];
          int nextLength = in.readNBytes(next, 0, next.length);
          digest.update(current, 0, currentLength);
          if (nextLength == 0) {
            String sha = HexFormat.of().formatHex(digest.digest());
            if (!sha.equals(bundle.sha256Hex())) {
              done = true;
              close();
              call.onError(
                  Status.DATA_LOSS
                      .withDescription("bundle " + bundle.version() + " changed on disk: sha256 " + sha)
                      .asRuntimeException());
              return;
            }
            call.onNext(RegistryMapping.lastChunk(bundle.version(), offset, current, currentLength, sha));
            done = true;
            close();
            call.onCompleted();
            return;
          }
          call.onNext(RegistryMapping.chunk(bundle.version(), offset, current, currentLength));
          offset += currentLength;
          current = next;
          currentLength = nextLength;
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    private synchronized void fail(IOException e) {
      if (!done) {
        done = true;
        close();
        call.onError(Status.UNAVAILABLE.withDescription("cannot read bundle: " + e).asRuntimeException());
      }
    }

    private void close() {
      try {
        in.close();
      } catch (IOException e) {
        log.debug("close failed", e);
      }
    }
  }
}
