package io.isacemu.device.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.units.Units;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.sensing.SenseStatus;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.device.testing.FakeBs;
import io.isacemu.device.testing.TestDevices;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.ConfigUpdate;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Disconnect;
import io.isacemu.proto.ProcessingMode;
import io.isacemu.proto.Register;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SampleResult;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.StateReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceAgentTest {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Backoff.Policy FAST_BACKOFF = new Backoff.Policy(20, 400, 2.0, 0.2);

  private final FakeBs bs = new FakeBs();
  private final List<DeviceAgent> agents = new ArrayList<>();
  private final List<Long> reconnectDelays = new CopyOnWriteArrayList<>();
  private final List<SenseStatus> answered = new CopyOnWriteArrayList<>();
  private String name;
  private Server server;
  private ManagedChannel channel;

  private final LinkEvents events = new LinkEvents() {
    @Override
    public void reconnectScheduled(String deviceId, long delayMs) {
      reconnectDelays.add(delayMs);
    }

    @Override
    public void commandAnswered(String deviceId, SenseStatus status, long bitsSent) {
      answered.add(status);
    }
  };

  @BeforeEach
  void startBs() throws Exception {
    name = "fake-bs-" + NAMES.incrementAndGet();
    server = InProcessServerBuilder.forName(name).addService(bs).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    agents.forEach(DeviceAgent::close);
    channel.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
  }

  private DeviceAgent agent(DeviceEmulator emulator) {
    return agent(TestDevices.sensing(emulator));
  }

  private DeviceAgent agent(SensingService sensing) {
    DeviceAgent agent = new DeviceAgent(sensing, DeviceLinkGrpc.newStub(channel),
        new LinkSettings(1000, FAST_BACKOFF, "0.1.0"), events, 99L);
    agents.add(agent);
    agent.start();
    return agent;
  }

  private static SenseCommand.Builder offload(long commandId, List<String> ids) {
    return SenseCommand.newBuilder().setTaskId("task-" + commandId).setCommandId(commandId)
        .addAllSampleIds(ids).setSensingTimeS(0.5).setBandwidthUnits(4)
        .setUnitBandwidthHz(180e3).setProcessingMode(ProcessingMode.PROCESSING_MODE_OFFLOAD)
        .setDeadlineS(1000).setTimeScaleFactor(0.0);
  }

  /** {@code n} ids drawn round-robin from test, valid and train (skipping exhausted splits). */
  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    MultimodalSplit[] splits = {TestDevices.DATASET.test(), TestDevices.DATASET.valid(),
        TestDevices.DATASET.train()};
    for (int i = 0; ids.size() < n; i++) {
      for (MultimodalSplit split : splits) {
        if (i < split.size() && ids.size() < n) {
          ids.add(split.id(i));
        }
      }
    }
    return ids;
  }

  private static float[] datasetFeatures(String id, Modality m) {
    for (MultimodalSplit split : List.of(TestDevices.DATASET.train(), TestDevices.DATASET.valid(),
        TestDevices.DATASET.test())) {
      for (int i = 0; i < split.size(); i++) {
        if (split.id(i).equals(id)) {
          int len = split.sequenceLength(m) * split.featureDim(m);
          float[] out = new float[len];
          split.features(m).get(i * len, out);
          return out;
        }
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void registersWithEveryField() throws Exception {
    DeviceSpec spec = TestDevices.staticVideo("cam-1");
    agent(TestDevices.emulator(spec, 1));

    Register r = bs.nextSession().register();

    assertThat(r.getDeviceId()).isEqualTo("cam-1");
    assertThat(r.getModality()).isEqualTo(io.isacemu.proto.Modality.MODALITY_VIDEO);
    assertThat(r.getSensingRateBps()).isEqualTo(4e6);
    assertThat(r.getTxPowerDbm()).isEqualTo(23);
    assertThat(r.getCpuHz()).isEqualTo(1e9);
    assertThat(r.getPosition().getXM()).isEqualTo(30);
    assertThat(r.getPosition().getYM()).isEqualTo(40);
    assertThat(r.getFeatureDim()).isEqualTo(35);
    assertThat(r.getSequenceLength()).isEqualTo(20);
    assertThat(r.getDatasetFingerprint()).isEqualTo(TestDevices.DATASET.fingerprint()).hasSize(64);
    assertThat(r.getSoftwareVersion()).isEqualTo("0.1.0");
    assertThat(r.getAuthToken()).isEqualTo("token-cam-1");
    // the radio its accounting assumes, for the BS to compare with its own
    assertThat(r.hasRadio()).isTrue();
    assertThat(r.getRadio().getBsAntennas()).isEqualTo(4);
    assertThat(r.getRadio().getNoiseFigureDb()).isEqualTo(9);
    assertThat(r.getRadio().getUnitBandwidthHz()).isEqualTo(180e3);
  }

  @Test
  void reportsPeriodicallyWithIncreasingSequenceNumbersAndHonoursConfigUpdate() throws Exception {
    DeviceAgent agent = agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 1));
    FakeBs.Session session = bs.nextSession();

    List<StateReport> reports = session.reports(5);

    assertThat(reports).extracting(StateReport::getSequenceNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(reports).allSatisfy(r -> {
      assertThat(r.hasChannelGainDb()).isTrue();
      assertThat(r.getChannelGainDb()).isBetween(-200.0, -30.0);
      assertThat(r.hasSnrDb()).isTrue();
      // snr over one 180 kHz unit = P + h - (-174 + 10 log10(180e3) + 9) dB
      assertThat(r.getSnrDb()).isCloseTo(23 + r.getChannelGainDb() + 174 - 10 * Math.log10(180e3) - 9,
          within(1e-9));
      assertThat(r.getTxPowerDbm()).isEqualTo(23);
      assertThat(r.getPosition().getXM()).isEqualTo(30);
      assertThat(r.getSpeedMps()).isZero();
      assertThat(r.getEnergyUsedJ()).isZero();
      assertThat(r.getMeasuredAt().getSeconds()).isPositive();
    });
    assertThat(reports).extracting(StateReport::getEmulatedTimeS).isSorted();
    assertThat(agent.state()).isEqualTo(LinkState.ATTACHED);

    session.send(BsMessage.newBuilder()
        .setConfigUpdate(ConfigUpdate.newBuilder().setReportPeriodMs(10)).build());
    List<StateReport> later = session.reports(3);
    assertThat(later.get(2).getSequenceNumber()).isEqualTo(later.get(0).getSequenceNumber() + 2);
  }

  @Test
  void offloadAnswersExactFeaturesInChunksWithModelledTimes() throws Exception {
    bs.setAcker(r -> FakeBs.accept(20, 65_536));
    DeviceEmulator emulator = TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3);
    agent(emulator);
    FakeBs.Session session = bs.nextSession();
    double gainDb = session.reports(1).get(0).getChannelGainDb();
    List<String> ids = ids(45);

    session.command(offload(7, ids).build());
    List<SenseResult> chunks = session.resultChunks();
    SenseResult result = FakeBs.Session.assemble(chunks);

    // 45 samples x (20 x 35 floats = 2,800 bytes) do not fit one 64 KiB message.
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks).allSatisfy(c -> assertThat(
        DeviceMessage.newBuilder().setSenseResult(c).build().getSerializedSize()).isLessThanOrEqualTo(65_536));
    assertThat(result.getStatus()).isEqualTo(io.isacemu.proto.SenseStatus.SENSE_STATUS_OK);
    assertThat(result.getTaskId()).isEqualTo("task-7");
    assertThat(result.getSamplesList()).extracting(SampleResult::getSampleId).containsExactlyElementsOf(ids);
    for (SampleResult s : result.getSamplesList()) {
      assertThat(s.getRaw().getSteps()).isEqualTo(20);
      assertThat(s.getRaw().getDim()).isEqualTo(35);
      float[] got = new float[s.getRaw().getValuesCount()];
      for (int i = 0; i < got.length; i++) {
        got[i] = s.getRaw().getValues(i);
      }
      assertThat(got).containsExactly(datasetFeatures(s.getSampleId(), Modality.VIDEO));
    }
    // n_k = m_k T^s = 4e6 x 0.5 per sample, each of the 45 its own window (the BS models the same);
    // T^comm = 45 n_k / R_k with R_k from eq. (5) at the reported gain.
    assertThat(result.getBitsSent()).isEqualTo(45 * 2_000_000L);
    double rate = new UplinkModel(new Spectrum(4 * 180e3, 180e3), ThermalNoise.reference(), 1)
        .rateBps(23, Units.dbToLinear(gainDb), 4);
    assertThat(result.getCommS()).isCloseTo(45 * 2_000_000 / rate, within(1e-9 * result.getCommS()));
    assertThat(result.getSensingS()).isEqualTo(45 * 0.5);
    assertThat(result.getComputeS()).isZero();
    assertThat(result.getWallS()).isGreaterThanOrEqualTo(0);
    assertThat(result.getEnergyJ()).isCloseTo(0.5 * 45 * 0.5 + Units.dbmToWatts(23) * result.getCommS(),
        within(1e-9));
    // Energy shows up in later reports.
    double energy = session.reports(2).get(1).getEnergyUsedJ();
    assertThat(energy).isCloseTo(result.getEnergyJ(), within(1e-12));
  }

  @Test
  void deadlineShorterThanTheUploadSendsOnlyTheSamplesInTime() throws Exception {
    agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));
    FakeBs.Session session = bs.nextSession();
    session.command(offload(1, ids(30)).setDeadlineS(1000).build());
    double fullCommS = session.result().getCommS();

    // 30 sensing windows of 0.5 s, then half the upload time
    double sensingS = 30 * 0.5;
    session.command(offload(2, ids(30)).setDeadlineS(sensingS + fullCommS / 2).build());
    SenseResult late = session.result();

    assertThat(late.getStatus()).isEqualTo(io.isacemu.proto.SenseStatus.SENSE_STATUS_DEADLINE_EXCEEDED);
    assertThat(late.getSamplesCount()).isBetween(14, 15);
    assertThat(late.getBitsSent()).isEqualTo(Math.round(2e6 * late.getSamplesCount()));
    assertThat(sensingS + late.getCommS()).isLessThanOrEqualTo(sensingS + fullCommS / 2);
  }

  @Test
  void invalidCommandsGetErrorStatusesAndTheStreamStaysUsable() throws Exception {
    agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));
    FakeBs.Session session = bs.nextSession();
    List<String> good = ids(2);

    session.command(offload(1, good).setProcessingMode(ProcessingMode.PROCESSING_MODE_UNSPECIFIED).build());
    SenseResult noMode = session.result();
    session.command(offload(2, good).setBandwidthUnits(0).build());
    SenseResult noUnits = session.result();
    session.command(offload(3, good).setSensingTimeS(0).build());
    SenseResult noTime = session.result();
    session.command(offload(4, good).setProcessingModeValue(42).build());
    SenseResult unknownMode = session.result();
    session.command(offload(5, List.of(good.get(0), "no-such-sample", good.get(1))).build());
    SenseResult unknownSample = session.result();
    session.command(offload(6, good).setProcessingMode(ProcessingMode.PROCESSING_MODE_LOCAL).build());
    SenseResult local = session.result();
    session.command(offload(7, good).build());
    SenseResult ok = session.result();

    var invalid = io.isacemu.proto.SenseStatus.SENSE_STATUS_INVALID_COMMAND;
    for (SenseResult r : List.of(noMode, noUnits, noTime, unknownMode, local)) {
      assertThat(r.getStatus()).isEqualTo(r == local ? io.isacemu.proto.SenseStatus.SENSE_STATUS_LOCAL_UNAVAILABLE : invalid);
      assertThat(r.getSamplesCount()).isZero();
      assertThat(r.getLastChunk()).isTrue();
      assertThat(r.getBitsSent()).isZero();
    }
    assertThat(noMode.getErrorMessage()).contains("processing_mode");
    assertThat(noUnits.getErrorMessage()).contains("bandwidth_units: 0");
    assertThat(noTime.getErrorMessage()).contains("sensing_time_s: 0.0");
    assertThat(local.getErrorMessage()).startsWith("local processing unavailable: no encoder loaded");
    assertThat(unknownSample.getStatus()).isEqualTo(io.isacemu.proto.SenseStatus.SENSE_STATUS_UNKNOWN_SAMPLE);
    assertThat(unknownSample.getErrorMessage()).contains("no-such-sample");
    assertThat(unknownSample.getSamplesList()).extracting(SampleResult::getSampleId)
        .containsExactlyElementsOf(good);
    assertThat(ok.getStatus()).isEqualTo(io.isacemu.proto.SenseStatus.SENSE_STATUS_OK);
    assertThat(ok.getCommandId()).isEqualTo(7);
    assertThat(session.ended()).isFalse();
  }

  @Test
  void aSecondCommandWhileOneIsPendingIsBusy() throws Exception {
    agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));
    FakeBs.Session session = bs.nextSession();
    // 0.5 emulated s of sensing at 1 wall s per emulated s keeps command 1 pending for >= 0.5 s.
    session.command(offload(1, ids(2)).setTimeScaleFactor(1.0).build());
    session.command(offload(2, ids(2)).build());

    SenseResult first = session.result();
    SenseResult second = session.result();

    assertThat(first.getCommandId()).isEqualTo(2);
    assertThat(first.getStatus()).isEqualTo(io.isacemu.proto.SenseStatus.SENSE_STATUS_BUSY);
    assertThat(first.getErrorMessage()).contains("command 1");
    assertThat(second.getCommandId()).isEqualTo(1);
    assertThat(second.getStatus()).isEqualTo(io.isacemu.proto.SenseStatus.SENSE_STATUS_OK);
    assertThat(second.getWallS()).isGreaterThanOrEqualTo(0.5);
    await().atMost(Duration.ofSeconds(5)).until(() -> answered.size() == 2);
  }

  @Test
  void reattachesWithBackoffWhenTheBsKillsTheStream() throws Exception {
    DeviceAgent agent = agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));
    FakeBs.Session first = bs.nextSession();
    first.reports(1);

    first.kill();
    FakeBs.Session second = bs.nextSession();

    assertThat(second.register().getDeviceId()).isEqualTo("cam-1");
    assertThat(second.reports(2)).extracting(StateReport::getSequenceNumber).containsExactly(1L, 2L);
    assertThat(agent.state()).isEqualTo(LinkState.ATTACHED);
    assertThat(reconnectDelays).hasSize(1);
    assertThat(reconnectDelays.get(0)).isBetween(16L, 24L); // 20 ms ± 20 %
  }

  @Test
  void refusedRegistrationIsRetriedWithGrowingBackoff() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    bs.setAcker(r -> attempts.incrementAndGet() <= 2
        ? RegisterAck.newBuilder().setAccepted(false).setReason("dataset mismatch").build()
        : FakeBs.accept(20, 0));
    DeviceAgent agent = agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));

    bs.nextSession();
    bs.nextSession();
    FakeBs.Session third = bs.nextSession();

    assertThat(third.reports(1).get(0).getSequenceNumber()).isEqualTo(1);
    assertThat(agent.state()).isEqualTo(LinkState.ATTACHED);
    assertThat(reconnectDelays).hasSize(2);
    assertThat(reconnectDelays.get(0)).isBetween(16L, 24L);
    assertThat(reconnectDelays.get(1)).isBetween(32L, 48L);
  }

  @Test
  void survivesABsRestartAndHonoursDisconnect() throws Exception {
    DeviceAgent agent = agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));
    bs.nextSession().reports(1);

    server.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> reconnectDelays.size() >= 3);
    assertThat(agent.state()).isIn(LinkState.RECONNECTING, LinkState.CONNECTING, LinkState.REGISTERING);
    server = InProcessServerBuilder.forName(name).addService(bs).build().start();
    FakeBs.Session back = bs.nextSession();
    back.reports(1);
    assertThat(agent.state()).isEqualTo(LinkState.ATTACHED);

    back.send(BsMessage.newBuilder().setDisconnect(
        Disconnect.newBuilder().setReason("shutting down").setRetryAfterMs(0)).build());
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.state() == LinkState.STOPPED);
    await().atMost(Duration.ofSeconds(5)).until(back::ended);
  }

  @Test
  void disconnectWithRetryAfterReattachesAfterThatDelay() throws Exception {
    DeviceAgent agent = agent(TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3));
    FakeBs.Session first = bs.nextSession();
    first.reports(1);

    first.send(BsMessage.newBuilder().setDisconnect(
        Disconnect.newBuilder().setReason("rebalancing").setRetryAfterMs(30)).build());
    FakeBs.Session second = bs.nextSession();

    assertThat(reconnectDelays).containsExactly(30L);
    await().atMost(Duration.ofSeconds(5)).until(first::ended); // the device half-closed
    assertThat(second.reports(1).get(0).getSequenceNumber()).isEqualTo(1);
    assertThat(agent.state()).isEqualTo(LinkState.ATTACHED);
  }

  @Test
  void sameSeedGivesTheSameChannelTraceInReports() throws Exception {
    List<List<Double>> traces = new ArrayList<>();
    for (long seed : new long[] {5, 5, 6}) {
      DeviceEmulator emulator = TestDevices.emulator(TestDevices.walkingAudio("mic-" + seed),
          seed, TestDevices.tickingClock(1_000_000)); // 1 ms wall = 1 emulated s per reading
      DeviceAgent agent = agent(emulator);
      List<StateReport> reports = bs.nextSession().reports(6);
      agent.close();
      List<Double> trace = new ArrayList<>();
      for (StateReport r : reports) {
        trace.add(r.getChannelGainDb());
        trace.add(r.getPosition().getXM());
        trace.add(r.getEmulatedTimeS());
      }
      traces.add(trace);
    }
    assertThat(traces.get(0)).isEqualTo(traces.get(1));
    assertThat(traces.get(0)).isNotEqualTo(traces.get(2));
    assertThat(traces.get(0).get(1)).isNotEqualTo(traces.get(0).get(traces.get(0).size() - 2));
  }

  @Test
  void timestampsAndWallTimesComeFromTheEmulatorsClock() throws Exception {
    // Every reading of this clock advances it 1 ms, from 2026-01-01T00:00:00Z.
    DeviceEmulator emulator = TestDevices.emulator(TestDevices.staticVideo("cam-1"), 3,
        TestDevices.tickingClock(1_000_000));
    agent(emulator);
    FakeBs.Session session = bs.nextSession();

    StateReport report = session.reports(1).get(0);
    session.command(offload(1, ids(2)).build());
    DeviceMessage heartbeat = session.next(DeviceMessage::hasHeartbeat);
    SenseResult result = session.result();

    long epochS = java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    assertThat(report.getMeasuredAt().getSeconds()).isEqualTo(epochS);
    assertThat(heartbeat.getHeartbeat().getSentAt().getSeconds()).isEqualTo(epochS);
    // receipt and answer are two readings or more apart: whole ticks of 1 ms, never 0
    double ticks = result.getWallS() * 1000;
    assertThat(ticks).isGreaterThanOrEqualTo(1).isCloseTo(Math.rint(ticks), within(1e-6));
  }
}
