package io.isacemu.bs.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.isacemu.bs.BsServiceApplication;
import io.isacemu.proto.DeviceLinkGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The DeviceLink port of a real BS (Netty on a TCP port) fed what no device sends: bytes that are
 * not HTTP/2, HTTP/2 with broken frames, a gRPC message that is not a DeviceMessage and one over
 * the 4 MiB inbound cap. Each stream or connection is refused; the process keeps serving (gRPC
 * health SERVING, and a real Attach still gets its answer).
 */
class MalformedGrpcTest {

  private static ConfigurableApplicationContext bs;
  private static int port;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() {
    bs = new SpringApplicationBuilder(BsServiceApplication.class).run("--server.port=0", "--isac.bs.grpc-port=0",
        "--isac.bs.registry-target=", "--isac.bs.api-key=k", "--spring.main.banner-mode=off",
        "--logging.level.root=WARN");
    port = bs.getBean(DeviceLinkServer.class).port();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    bs.close();
  }

  /** Sends {@code bytes} on a fresh TCP connection; true when the server closed it within 10 s. */
  private static boolean closedAfter(byte[] bytes) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException resetWhileWriting) {
        return true;
      }
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      try {
        while (in.read(buf) >= 0) {
          // drain the server's SETTINGS / GOAWAY until it closes
        }
        return true;
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
  }

  private static void assertServing() {
    HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** Opens Attach with a raw-bytes marshaller, sends {@code message}; the status the stream ends with. */
  private static Status attachWith(byte[] message) throws Exception {
    MethodDescriptor<byte[], byte[]> attach = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
        .setFullMethodName(DeviceLinkGrpc.getAttachMethod().getFullMethodName())
        .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
    CompletableFuture<Status> end = new CompletableFuture<>();
    StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(
        channel.newCall(attach, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)), new StreamObserver<>() {
          @Override
          public void onNext(byte[] value) {}

          @Override
          public void onError(Throwable t) {
            end.complete(Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {
            end.complete(Status.OK);
          }
        });
    requests.onNext(message);
    return end.get(30, TimeUnit.SECONDS);
  }

  @Test
  void bytesThatAreNotHttp2EndTheConnection() throws Exception {
    byte[] junk = new byte[64 * 1024];
    new Random(1).nextBytes(junk);
    assertThat(closedAfter(junk)).isTrue();
    assertThat(closedAfter("GET /isac.DeviceLink/Attach HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
    assertServing();
  }

  @Test
  void http2WithBrokenFramesEndsTheConnection() throws Exception {
    byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] frames = new byte[4096];
    new Random(2).nextBytes(frames);
    byte[] all = new byte[preface.length + frames.length];
    System.arraycopy(preface, 0, all, 0, preface.length);
    System.arraycopy(frames, 0, all, preface.length, frames.length);
    assertThat(closedAfter(all)).isTrue();
    assertServing();
  }

  @Test
  void aMessageThatIsNotADeviceMessageEndsOnlyItsStream() throws Exception {
    // 0xff 0xff ...: a protobuf field key with an invalid wire type, then a truncated varint
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x7f};
    Status s = attachWith(garbage);
    // grpc-java 1.85 fails the parse with INTERNAL "Invalid protobuf byte sequence" (logged) and
    // ends the call with UNKNOWN "Application error processing RPC": the stream is refused either way
    assertThat(s.getCode()).as(s.toString()).isIn(Status.Code.INTERNAL, Status.Code.UNKNOWN);
    assertServing();
  }

  @Test
  void aMessageOverTheInboundCapIsRefusedWithResourceExhausted() throws Exception {
    byte[] huge = new byte[5 << 20]; // 5 MiB of zeros: over the 4 MiB cap of device.proto
    Status s = attachWith(huge);
    assertThat(s.getCode()).as(s.toString()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertServing();
  }
}
