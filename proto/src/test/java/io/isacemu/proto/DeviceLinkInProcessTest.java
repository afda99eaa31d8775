package io.isacemu.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A device and a fake BS speak the whole DeviceLink session over the in-process transport. */
class DeviceLinkInProcessTest {
  private static final int BS_MAX_MESSAGE_BYTES = 65_536;
  private static final int SAMPLES = 20;

  private final FakeBs bs = new FakeBs();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(bs)
        .maxInboundMessageSize(BS_MAX_MESSAGE_BYTES).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void registerReportAndChunkedUploadRoundTrip() throws Exception {
    FakeDevice device = new FakeDevice(register(Modality.MODALITY_VIDEO));

    device.attach(DeviceLinkGrpc.newStub(channel));

    assertThat(device.completed.get(5, TimeUnit.SECONDS)).isTrue();
    // What the device saw: ack, one command, then the BS's goodbye.
    assertThat(device.received).extracting(BsMessage::getKindCase).containsExactly(
        BsMessage.KindCase.REGISTER_ACK, BsMessage.KindCase.SENSE_COMMAND,
        BsMessage.KindCase.DISCONNECT);
    RegisterAck ack = device.received.get(0).getRegisterAck();
    assertThat(ack.getAccepted()).isTrue();
    assertThat(ack.getSessionId()).isEqualTo("session-1");
    assertThat(ack.getReportPeriodMs()).isEqualTo(100);
    assertThat(device.received.get(2).getDisconnect().getReason()).isEqualTo("task task-7 done");

    // What the BS saw: the registration and state report as sent.
    assertThat(bs.registers).containsExactly(register(Modality.MODALITY_VIDEO));
    assertThat(bs.stateReports).containsExactly(FakeDevice.STATE_REPORT);
    // The upload needed several chunks, each within the BS's budget, and reassembled exactly.
    assertThat(bs.chunkSizes).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(BS_MAX_MESSAGE_BYTES));
    assertThat(bs.results).containsExactly(device.sent.get());
    SenseResult result = bs.results.get(0);
    assertThat(result.getSamplesList()).extracting(SampleResult::getSampleId)
        .containsExactlyElementsOf(bs.commandedSampleIds());
    assertThat(result.getSamples(0).getRaw().getValuesCount()).isEqualTo(50 * 35);
    assertThat(bs.errors).isEmpty();
  }

  @Test
  void refusedRegistrationEndsTheStreamWithAReason() throws Exception {
    FakeDevice device = new FakeDevice(register(Modality.MODALITY_UNSPECIFIED));

    device.attach(DeviceLinkGrpc.newStub(channel));

    assertThat(device.completed.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(device.received).hasSize(1);
    RegisterAck ack = device.received.get(0).getRegisterAck();
    assertThat(ack.getAccepted()).isFalse();
    assertThat(ack.getReason()).contains("modality");
    assertThat(ack.getSessionId()).isEmpty();
    assertThat(bs.results).isEmpty();
  }

  private static Register register(Modality modality) {
    return Register.newBuilder()
        .setDeviceId("cam-01")
        .setModality(modality)
        .setSensingRateBps(4.0e6)
        .setTxPowerDbm(23.0)
        .setCpuHz(1.5e9)
        .setPosition(Position.newBuilder().setXM(35.5).setYM(-12.0))
        .setFeatureDim(35)
        .setSequenceLength(50)
        .setDatasetFingerprint("ab".repeat(32))
        .setSoftwareVersion("0.1.0")
        .setAuthToken("secret")
        .build();
  }

  /** A BS that admits valid devices, commands one upload, and leaves once it is complete. */
  private static final class FakeBs extends DeviceLinkGrpc.DeviceLinkImplBase {
    final List<Register> registers = new CopyOnWriteArrayList<>();
    final List<StateReport> stateReports = new CopyOnWriteArrayList<>();
    final List<SenseResult> results = new CopyOnWriteArrayList<>();
    final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    List<String> commandedSampleIds() {
      return java.util.stream.IntStream.range(0, SAMPLES).mapToObj(i -> "video-" + i).toList();
    }

    @Override
    public StreamObserver<DeviceMessage> attach(StreamObserver<BsMessage> toDevice) {
      return new StreamObserver<>() {
        private final SenseResultChunks.Assembler assembler = new SenseResultChunks.Assembler();

        @Override
        public void onNext(DeviceMessage message) {
          switch (message.getKindCase()) {
            case REGISTER -> onRegister(message.getRegister());
            case STATE_REPORT -> stateReports.add(message.getStateReport());
            case SENSE_RESULT -> {
              chunkSizes.add(message.getSerializedSize());
              assembler.accept(message.getSenseResult()).ifPresent(whole -> {
                results.add(whole);
                toDevice.onNext(BsMessage.newBuilder().setDisconnect(Disconnect.newBuilder()
                    .setReason("task " + whole.getTaskId() + " done")).build());
                toDevice.onCompleted();
              });
            }
            default -> errors.add(new IllegalStateException("unexpected " + message));
          }
        }

        private void onRegister(Register register) {
          registers.add(register);
          if (register.getModality() == Modality.MODALITY_UNSPECIFIED
              || register.getModality() == Modality.UNRECOGNIZED) {
            toDevice.onNext(BsMessage.newBuilder().setRegisterAck(RegisterAck.newBuilder()
                .setAccepted(false).setReason("modality: unspecified")).build());
            toDevice.onCompleted();
            return;
          }
          toDevice.onNext(BsMessage.newBuilder().setRegisterAck(RegisterAck.newBuilder()
              .setAccepted(true).setSessionId("session-1").setReportPeriodMs(100)
              .setMaxMessageBytes(BS_MAX_MESSAGE_BYTES)).build());
          toDevice.onNext(BsMessage.newBuilder().setSenseCommand(SenseCommand.newBuilder()
              .setTaskId("task-7").setCommandId(1).addAllSampleIds(commandedSampleIds())
              .setSensingTimeS(0.5).setBandwidthUnits(5).setUnitBandwidthHz(180_000.0)
              .setProcessingMode(ProcessingMode.PROCESSING_MODE_OFFLOAD).setDeadlineS(2.0)
              .setTimeScaleFactor(0.0)).build());
        }

        @Override
        public void onError(Throwable t) {
          errors.add(t);
        }

        @Override
        public void onCompleted() {
          // The device half-closed; the BS has already completed its side.
        }
      };
    }
  }

  /** A device that registers, reports its state, and answers a command with a chunked upload. */
  private static final class FakeDevice implements StreamObserver<BsMessage> {
    static final StateReport STATE_REPORT = StateReport.newBuilder()
        .setSequenceNumber(1)
        .setMeasuredAt(Timestamp.newBuilder().setSeconds(1_764_000_000L).setNanos(123_456_789))
        .setEmulatedTimeS(0.1)
        .setChannelGainDb(-98.4)
        .setSnrDb(21.7)
        .setTxPowerDbm(23.0)
        .setCpuLoad(0.25)
        .setEnergyUsedJ(0.004)
        .setPosition(Position.newBuilder().setXM(35.6).setYM(-12.0))
        .setSpeedMps(1.4)
        .setLos(true)
        .build();

    final Register register;
    final List<BsMessage> received = new CopyOnWriteArrayList<>();
    final AtomicReference<SenseResult> sent = new AtomicReference<>();
    final CompletableFuture<Boolean> completed = new CompletableFuture<>();
    private StreamObserver<DeviceMessage> toBs;
    private int maxMessageBytes;

    FakeDevice(Register register) {
      this.register = register;
    }

    void attach(DeviceLinkGrpc.DeviceLinkStub stub) {
      toBs = stub.attach(this);
      toBs.onNext(DeviceMessage.newBuilder().setRegister(register).build());
    }

    @Override
    public void onNext(BsMessage message) {
      received.add(message);
      switch (message.getKindCase()) {
        case REGISTER_ACK -> {
          if (message.getRegisterAck().getAccepted()) {
            maxMessageBytes = SenseResultChunks.maxMessageBytes(message.getRegisterAck());
            toBs.onNext(DeviceMessage.newBuilder().setStateReport(STATE_REPORT).build());
          }
        }
        case SENSE_COMMAND -> upload(message.getSenseCommand());
        case DISCONNECT -> toBs.onCompleted();
        default -> completed.completeExceptionally(new IllegalStateException("unexpected"));
      }
    }

    private void upload(SenseCommand command) {
      SenseResult.Builder whole = SenseResult.newBuilder().setTaskId(command.getTaskId())
          .setCommandId(command.getCommandId()).setLastChunk(true)
          .setStatus(SenseStatus.SENSE_STATUS_OK).setBitsSent(448_000L * SAMPLES)
          .setSensingS(command.getSensingTimeS()).setCommS(0.09).setWallS(0.001).setEnergyJ(0.02);
      long seed = 0;
      for (String id : command.getSampleIdsList()) {
        whole.addSamples(Fixtures.rawVideoSample(id, seed++));
      }
      sent.set(whole.build());
      for (SenseResult chunk : SenseResultChunks.split(sent.get(), maxMessageBytes)) {
        toBs.onNext(DeviceMessage.newBuilder().setSenseResult(chunk).build());
      }
    }

    @Override
    public void onError(Throwable t) {
      completed.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      if (!received.isEmpty() && !received.get(received.size() - 1).hasDisconnect()) {
        toBs.onCompleted();
      }
      completed.complete(true);
    }
  }
}
