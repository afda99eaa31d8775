package io.isacemu.bs.support;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.isacemu.bs.registry.BsProtos;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.learning.ExpertRunner;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.EncodedFeatures;
import io.isacemu.proto.Position;
import io.isacemu.proto.RawFeatures;
import io.isacemu.proto.Register;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SampleResult;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseResultChunks;
import io.isacemu.proto.SenseStatus;
import io.isacemu.proto.StateReport;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process emulated device for tests: attaches over DeviceLink, registers, sends StateReports
 * on demand and answers SenseCommands with the raw features of the same synthetic test split. LOCAL
 * commands are answered LOCAL_UNAVAILABLE unless {@link #localEncoder} installed a bundle of the
 * commanded version, which then encodes the samples.
 */
public final class FakeDevice implements AutoCloseable {

  private final Channel channel;
  private final String deviceId;
  private final Modality modality;
  private final MultimodalSplit split;
  private final Map<String, Integer> index = new HashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final List<SenseCommand> commands = new CopyOnWriteArrayList<>();
  private final List<Long> resets = new CopyOnWriteArrayList<>();
  private volatile boolean respond = true;
  private volatile ClientCallStreamObserver<DeviceMessage> out;
  private volatile CompletableFuture<RegisterAck> ack;
  private volatile CompletableFuture<Status> closed;
  private volatile String disconnect = "";
  private volatile int maxMessageBytes = SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES;
  private volatile String localVersion = "";
  private volatile ExpertRunner localRunner;
  private volatile double cpuHz = 1e9;

  public FakeDevice(Channel channel, String deviceId, Modality modality, MultimodalSplit testSplit) {
    this.channel = channel;
    this.deviceId = deviceId;
    this.modality = modality;
    this.split = testSplit;
    for (int i = 0; i < testSplit.size(); i++) {
      index.put(testSplit.id(i), i);
    }
  }

  /** A valid Register for this device (sensing rate by modality, 23 dBm, 1 GHz). */
  public Register.Builder register(String fingerprint) {
    double rate = switch (modality) {
      case VIDEO -> 4e6;
      case AUDIO -> 128e3;
      case TEXT -> 1e3;
    };
    return Register.newBuilder().setDeviceId(deviceId).setModality(BsProtos.wire(modality))
        .setSensingRateBps(rate).setTxPowerDbm(23).setCpuHz(cpuHz)
        .setPosition(Position.newBuilder().setXM(50).setYM(0))
        .setFeatureDim(split.featureDim(modality)).setSequenceLength(split.sequenceLength(modality))
        .setDatasetFingerprint(fingerprint).setSoftwareVersion("0.1.0");
  }

  /** Attaches and sends {@code register}; returns the ack (or fails when the stream ends first). */
  public RegisterAck attach(Register register) throws Exception {
    open();
    send(DeviceMessage.newBuilder().setRegister(register).build());
    return ack.get(10, TimeUnit.SECONDS);
  }

  /** Opens the Attach stream without sending anything. */
  public void open() {
    ack = new CompletableFuture<>();
    closed = new CompletableFuture<>();
    seq.set(0);
    DeviceLinkGrpc.newStub(channel).attach(new ClientResponseObserver<DeviceMessage, BsMessage>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<DeviceMessage> requestStream) {
        out = requestStream;
      }

      @Override
      public void onNext(BsMessage m) {
        switch (m.getKindCase()) {
          case REGISTER_ACK -> {
            if (m.getRegisterAck().getAccepted()) {
              maxMessageBytes = SenseResultChunks.maxMessageBytes(m.getRegisterAck());
            }
            ack.complete(m.getRegisterAck());
          }
          case SENSE_COMMAND -> onCommand(m.getSenseCommand());
          case DISCONNECT -> disconnect = m.getDisconnect().getReason();
          case EMULATION_RESET -> resets.add(m.getEmulationReset().getPlatformSeed());
          default -> { }
        }
      }

      @Override
      public void onError(Throwable t) {
        ack.completeExceptionally(t);
        closed.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        ack.completeExceptionally(new IllegalStateException("closed before ack"));
        closed.complete(Status.OK);
      }
    });
  }

  /** The last Disconnect reason received; empty string if none. */
  public String disconnectReason() {
    return disconnect;
  }

  /** Sends a valid StateReport (channel gain {@code gainDb}). */
  public void report(double gainDb) {
    Instant now = Instant.now();
    send(DeviceMessage.newBuilder().setStateReport(StateReport.newBuilder()
        .setSequenceNumber(seq.incrementAndGet())
        .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setChannelGainDb(gainDb).setSnrDb(10).setTxPowerDbm(23).setCpuLoad(0.2).setEnergyUsedJ(1.5)
        .setPosition(Position.newBuilder().setXM(60).setYM(5)).setSpeedMps(1.5)).build());
  }

  /**
   * Waits (at most 10 s) until {@code registry} has applied every report this device sent. Reports
   * travel on an asynchronous stream, so a task started right after {@link #report} could otherwise
   * still see the registration's state.
   */
  public void awaitApplied(DeviceRegistry registry) {
    long sent = seq.get();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
        registry.device(deviceId).map(v -> v.lastSequenceNumber() >= sent).orElse(false));
  }

  /**
   * Sends a StateReport that claims {@code snrDb} at {@code (xM, yM)} with {@code energyUsedJ} used
   * (a lying or broken device).
   */
  public void claim(double snrDb, double xM, double yM, double energyUsedJ) {
    Instant now = Instant.now();
    send(DeviceMessage.newBuilder().setStateReport(StateReport.newBuilder()
        .setSequenceNumber(seq.incrementAndGet())
        .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setSnrDb(snrDb).setTxPowerDbm(23).setCpuLoad(0.2).setEnergyUsedJ(energyUsedJ)
        .setPosition(Position.newBuilder().setXM(xM).setYM(yM)).setSpeedMps(1.5)).build());
  }

  /** Sends any message. */
  public synchronized void send(DeviceMessage m) {
    try {
      out.onNext(m);
    } catch (RuntimeException ignored) {
      // stream already gone
    }
  }

  /** Installs {@code runner} (not owned) as the device's bundle {@code version} for LOCAL commands. */
  public void localEncoder(String version, ExpertRunner runner) {
    localVersion = version;
    localRunner = runner;
  }

  /** CPU clock advertised by the next {@link #register}, Hz (default 1e9). */
  public void cpuHz(double hz) {
    cpuHz = hz;
  }

  /** Whether SenseCommands are answered (false = the device stays silent: the BS times out). */
  public void respond(boolean yes) {
    respond = yes;
  }

  /** The seeds of the EmulationResets received so far, in order. */
  public List<Long> resets() {
    return List.copyOf(resets);
  }

  /** Commands received so far. */
  public List<SenseCommand> commands() {
    return List.copyOf(commands);
  }

  /** Status the stream ended with (OK for a normal close). */
  public CompletableFuture<Status> closed() {
    return closed;
  }

  /** Breaks the stream abruptly (the device "dies"). */
  public void kill() {
    ClientCallStreamObserver<DeviceMessage> o = out;
    if (o != null) {
      o.cancel("killed by test", null);
    }
  }

  private void onCommand(SenseCommand c) {
    commands.add(c);
    if (!respond) {
      return;
    }
    SenseResult.Builder r = SenseResult.newBuilder().setTaskId(c.getTaskId()).setCommandId(c.getCommandId());
    int d = split.featureDim(modality);
    int t = split.sequenceLength(modality);
    FloatBuffer all = split.features(modality);
    SenseStatus status = SenseStatus.SENSE_STATUS_OK;
    boolean local = c.getProcessingMode() == io.isacemu.proto.ProcessingMode.PROCESSING_MODE_LOCAL;
    ExpertRunner runner = localRunner;
    if (local && (runner == null || !c.getModelVersion().equals(localVersion))) {
      r.setStatus(SenseStatus.SENSE_STATUS_LOCAL_UNAVAILABLE)
          .setErrorMessage("local processing unavailable: device holds model bundle '" + localVersion + "'");
      send(DeviceMessage.newBuilder().setSenseResult(r.setLastChunk(true).build()).build());
      return;
    }
    for (String id : c.getSampleIdsList()) {
      Integer i = index.get(id);
      if (i == null) {
        status = SenseStatus.SENSE_STATUS_UNKNOWN_SAMPLE;
        continue;
      }
      if (local) {
        float[] x = new float[t * d];
        all.get(i * t * d, x, 0, t * d);
        float[] v = runner.encode(runner.indexOf(c.getEncoderExpert()), modality, x);
        EncodedFeatures.Builder enc = EncodedFeatures.newBuilder();
        for (float f : v) {
          enc.addValues(f);
        }
        r.addSamples(SampleResult.newBuilder().setSampleId(id).setEncoded(enc));
        continue;
      }
      RawFeatures.Builder raw = RawFeatures.newBuilder().setSteps(t).setDim(d);
      for (int j = 0; j < t * d; j++) {
        raw.addValues(all.get(i * t * d + j));
      }
      r.addSamples(SampleResult.newBuilder().setSampleId(id).setRaw(raw));
    }
    r.setStatus(status).setSensingS(c.getSensingTimeS()).setEnergyJ(0.01)
        .setBitsSent((long) (c.getSampleIdsCount() * 1e3));
    for (SenseResult chunk : SenseResultChunks.split(r.build(), maxMessageBytes)) {
      send(DeviceMessage.newBuilder().setSenseResult(chunk).build());
    }
  }

  @Override
  public void close() {
    ClientCallStreamObserver<DeviceMessage> o = out;
    if (o != null) {
      try {
        o.onCompleted();
      } catch (RuntimeException ignored) {
        // already closed
      }
    }
  }
}
