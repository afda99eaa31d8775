package io.isacemu.bs.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.MutableClock;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.support.TestProperties;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Register;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.StateReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<FakeDevice> devices = new ArrayList<>();
  private MultimodalDataset data;
  private DeviceRegistry registry;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    data = TestBundle.dataset();
    BsProperties props = TestProperties.with(new BsProperties.Auth("shared", Map.of("cam-1", "cam-secret")));
    registry = new DeviceRegistry(props, DatasetCatalog.of(data), clock, meters);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new DeviceLinkService(registry, props.maxMessageBytes())).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws Exception {
    devices.forEach(FakeDevice::close);
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private FakeDevice device(String id, Modality m) {
    FakeDevice d = new FakeDevice(channel, id, m, data.test());
    devices.add(d);
    return d;
  }

  private Register.Builder valid(FakeDevice d) {
    return d.register(data.fingerprint()).setAuthToken("shared");
  }

  @Test
  void acceptsAValidDeviceAndRecordsItsReports() throws Exception {
    FakeDevice mic = device("mic-1", Modality.AUDIO);
    RegisterAck ack = mic.attach(valid(mic).build());

    assertThat(ack.getAccepted()).isTrue();
    assertThat(ack.getSessionId()).isNotBlank();
    assertThat(ack.getReportPeriodMs()).isEqualTo(100);
    mic.report(-95);
    DeviceView v = registry.device("mic-1").orElseThrow();
    assertThat(v.status()).isEqualTo(DeviceStatus.LIVE);
    assertThat(v.modality()).isEqualTo(Modality.AUDIO);
    assertThat(v.channelGainDb()).contains(-95.0);
    assertThat(v.lastSequenceNumber()).isEqualTo(1);
    assertThat(v.xM()).isEqualTo(60.0);
    assertThat(v.reportLagMs()).isPresent();
  }

  @Test
  void perDeviceTokenIsCheckedAndAWrongOneRefused() throws Exception {
    FakeDevice cam = device("cam-1", Modality.VIDEO);
    RegisterAck refused = cam.attach(valid(cam).setAuthToken("wrong").build());
    assertThat(refused.getAccepted()).isFalse();
    assertThat(refused.getReason()).contains("auth_token").doesNotContain("cam-secret");
    assertThat(cam.closed().get(5, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(registry.device("cam-1")).isEmpty();

    assertThat(cam.attach(valid(cam).setAuthToken("cam-secret").build()).getAccepted()).isTrue();
  }

  @Test
  void refusesADuplicateLiveDeviceId() throws Exception {
    FakeDevice first = device("txt-1", Modality.TEXT);
    FakeDevice second = device("txt-1", Modality.TEXT);
    assertThat(first.attach(valid(first).build()).getAccepted()).isTrue();

    RegisterAck dup = second.attach(valid(second).build());

    assertThat(dup.getAccepted()).isFalse();
    assertThat(dup.getReason()).contains("device_id").contains("already attached");
    assertThat(registry.device("txt-1").orElseThrow().status()).isEqualTo(DeviceStatus.LIVE);
  }

  @Test
  void refusesBadValuesWithTheFieldInTheReason() throws Exception {
    FakeDevice d = device("bad-1", Modality.TEXT);
    Map<String, Register> cases = Map.of(
        "modality", valid(d).setModality(io.isacemu.proto.Modality.MODALITY_UNSPECIFIED).build(),
        "tx_power_dbm", valid(d).setTxPowerDbm(Double.NaN).build(),
        "cpu_hz", valid(d).setCpuHz(-1).build(),
        "feature_dim", valid(d).setFeatureDim(299).build(),
        "dataset_fingerprint", valid(d).setDatasetFingerprint("0".repeat(64)).build(),
        "sensing_rate_bps", valid(d).setSensingRateBps(0).build(),
        "device_id", valid(d).setDeviceId("has space").build());
    for (Map.Entry<String, Register> c : cases.entrySet()) {
      RegisterAck ack = d.attach(c.getValue());
      assertThat(ack.getAccepted()).as(c.getKey()).isFalse();
      assertThat(ack.getReason()).as(c.getKey()).startsWith(c.getKey() + ":");
    }
    assertThat(registry.devices()).isEmpty();
    // the server still serves others
    FakeDevice good = device("good-1", Modality.TEXT);
    assertThat(good.attach(valid(good).build()).getAccepted()).isTrue();
    assertThat(meters.find("bs.devices.refused").counters().stream().mapToDouble(c -> c.count()).sum())
        .isEqualTo(cases.size());
  }

  @Test
  void aDeviceAssumingOtherRadioSettingsIsRefusedNamingTheFieldAndBothValues() throws Exception {
    FakeDevice d = device("radio-1", Modality.TEXT);
    io.isacemu.proto.RadioAssumptions same = io.isacemu.proto.RadioAssumptions.newBuilder()
        .setUnitBandwidthHz(180e3).setNoiseFigureDb(9).setBsAntennas(4).build();
    Map<String, io.isacemu.proto.RadioAssumptions> cases = Map.of(
        "radio.bs_antennas: the device assumes 1 but the BS has 4", same.toBuilder().setBsAntennas(1).build(),
        "radio.noise_figure_db: the device assumes 7.0 but the BS has 9.0", same.toBuilder().setNoiseFigureDb(7).build(),
        "radio.unit_bandwidth_hz: the device assumes 360000.0 but the BS has 180000.0",
        same.toBuilder().setUnitBandwidthHz(360e3).build(),
        "radio: bsAntennas", same.toBuilder().setBsAntennas(0).build());
    for (Map.Entry<String, io.isacemu.proto.RadioAssumptions> c : cases.entrySet()) {
      RegisterAck ack = d.attach(valid(d).setRadio(c.getValue()).build());
      assertThat(ack.getAccepted()).as(c.getKey()).isFalse();
      assertThat(ack.getReason()).as(c.getKey()).startsWith(c.getKey());
    }
    assertThat(meters.counter("bs.devices.refused", "reason", "radio.bs_antennas").count()).isEqualTo(1);
    assertThat(registry.devices()).isEmpty();
    assertThat(d.attach(valid(d).setRadio(same).build()).getAccepted()).as("the BS's own settings").isTrue();
  }

  @Test
  void silentDeviceBecomesLostAndReattachMakesItLiveAgain() throws Exception {
    FakeDevice mic = device("mic-2", Modality.AUDIO);
    String first = mic.attach(valid(mic).build()).getSessionId();

    clock.advance(Duration.ofMillis(250));
    assertThat(registry.checkLiveness()).isEmpty();
    clock.advance(Duration.ofMillis(100));
    assertThat(registry.checkLiveness()).containsExactly("mic-2");
    assertThat(registry.device("mic-2").orElseThrow().status()).isEqualTo(DeviceStatus.LOST);
    mic.closed().get(5, TimeUnit.SECONDS);

    RegisterAck again = mic.attach(valid(mic).build());
    assertThat(again.getAccepted()).isTrue();
    assertThat(again.getSessionId()).isNotEqualTo(first);
    assertThat(registry.device("mic-2").orElseThrow().status()).isEqualTo(DeviceStatus.LIVE);
  }

  @Test
  void aJustAttachedDeviceIsNotLostDuringTheAttachGrace() throws Exception {
    BsProperties props = TestProperties.with(new BsProperties.Auth("shared", Map.of()), 2000, 1000);
    DeviceRegistry graced = new DeviceRegistry(props, DatasetCatalog.of(data), clock, meters);
    String name = InProcessServerBuilder.generateName();
    io.grpc.Server s = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new DeviceLinkService(graced, props.maxMessageBytes())).build().start();
    io.grpc.ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      FakeDevice mic = new FakeDevice(ch, "mic-9", Modality.AUDIO, data.test());
      devices.add(mic);
      assertThat(mic.attach(valid(mic).build()).getAccepted()).isTrue();
      clock.advance(Duration.ofMillis(900)); // silent for 3 periods (300 ms) and more, but within 1 s of attach
      assertThat(graced.checkLiveness()).isEmpty();
      clock.advance(Duration.ofMillis(200));
      assertThat(graced.checkLiveness()).containsExactly("mic-9");
    } finally {
      ch.shutdownNow();
      s.shutdownNow();
    }
  }

  @Test
  void liveListsOnlyTheLiveDevicesOfOneModalityByIdThroughEveryTransition() throws Exception {
    FakeDevice c = device("t-c", Modality.TEXT);
    FakeDevice a = device("t-a", Modality.TEXT);
    FakeDevice b = device("t-b", Modality.TEXT);
    FakeDevice v = device("v-a", Modality.VIDEO);
    for (FakeDevice d : List.of(c, a, b, v)) {
      assertThat(d.attach(valid(d).build()).getAccepted()).isTrue();
    }
    assertThat(registry.live(Modality.TEXT)).extracting(DeviceView::deviceId).containsExactly("t-a", "t-b", "t-c");
    assertThat(registry.live(Modality.VIDEO)).extracting(DeviceView::deviceId).containsExactly("v-a");

    b.kill();
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.device("t-b").orElseThrow().status() == DeviceStatus.LOST);
    assertThat(registry.live(Modality.TEXT)).extracting(DeviceView::deviceId).containsExactly("t-a", "t-c");

    FakeDevice again = device("t-b", Modality.TEXT); // the same id attaches again
    assertThat(again.attach(valid(again).build()).getAccepted()).isTrue();
    assertThat(registry.live(Modality.TEXT)).extracting(DeviceView::deviceId).containsExactly("t-a", "t-b", "t-c");
    assertThat(registry.live(Modality.TEXT)).allMatch(d -> d.status() == DeviceStatus.LIVE);
  }

  @Test
  void brokenStreamMarksTheDeviceLost() throws Exception {
    FakeDevice cam = device("cam-2", Modality.VIDEO);
    cam.attach(valid(cam).build());
    cam.kill();
    await().atMost(Duration.ofSeconds(5)).until(() ->
        registry.device("cam-2").orElseThrow().status() == DeviceStatus.LOST);
  }

  @Test
  void invalidReportsAreCountedAndIgnored() throws Exception {
    FakeDevice mic = device("mic-3", Modality.AUDIO);
    mic.attach(valid(mic).build());
    mic.report(-90);
    mic.send(DeviceMessage.newBuilder().setStateReport(StateReport.newBuilder().setSequenceNumber(2)
        .setSnrDb(Double.NaN).setTxPowerDbm(23)).build());
    mic.send(DeviceMessage.newBuilder().setStateReport(StateReport.newBuilder().setSequenceNumber(3)
        .setTxPowerDbm(23)).build());

    DeviceView v = registry.device("mic-3").orElseThrow();
    assertThat(v.invalidReports()).isEqualTo(2);
    assertThat(v.channelGainDb()).contains(-90.0);
    assertThat(v.status()).isEqualTo(DeviceStatus.LIVE);
    assertThat(invalidCount()).isEqualTo(2);
  }

  private double invalidCount() {
    return meters.find("bs.devices.reports.invalid").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void implausibleClaimsAreRejectedAndCountedByField() throws Exception {
    FakeDevice liar = device("txt-liar", Modality.TEXT);
    liar.attach(valid(liar).build());
    liar.claim(20, 10, 10, 1.0); // plausible
    liar.claim(3084, 10, 10, 1.5); // overflowed the eq. (5) conversion on the landed code
    liar.report(-90); // plausible again (1.5 J): the count in a row starts over
    liar.claim(-60, 10, 10, 1.5);
    liar.report(-90);
    liar.claim(20, 1000, 0, 1.5); // 1 km from the BS: outside the 200 m cell + 50 m
    liar.report(-90);
    liar.claim(20, 10, 10, 0.5); // energy used went down
    DeviceView v = registry.device("txt-liar").orElseThrow();
    assertThat(v.status()).isEqualTo(DeviceStatus.LIVE);
    assertThat(v.invalidReports()).isEqualTo(4);
    assertThat(v.snrDb()).contains(10.0); // the last plausible report's
    assertThat(meters.counter("bs.devices.reports.invalid", "field", "snr_db").count()).isEqualTo(2);
    assertThat(meters.counter("bs.devices.reports.invalid", "field", "position").count()).isEqualTo(1);
    assertThat(meters.counter("bs.devices.reports.invalid", "field", "energy_used_j").count()).isEqualTo(1);
  }

  @Test
  void aDeviceThatKeepsLyingIsQuarantinedAndRefusedUntilTheQuarantineEnds() throws Exception {
    FakeDevice liar = device("txt-liar2", Modality.TEXT);
    liar.attach(valid(liar).build());
    for (int i = 0; i < BsProperties.Plausibility.DEFAULTS.quarantineAfterInvalid(); i++) {
      liar.claim(5000, 10, 10, 1.0);
    }
    assertThat(registry.device("txt-liar2").orElseThrow().status()).isEqualTo(DeviceStatus.QUARANTINED);
    assertThat(liar.closed().get(5, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(liar.disconnectReason()).contains("quarantined").contains("snr_db: 5000.0");
    assertThat(registry.live(Modality.TEXT)).extracting(DeviceView::deviceId).doesNotContain("txt-liar2");
    assertThat(meters.counter("bs.devices.quarantined").count()).isEqualTo(1);

    FakeDevice again = device("txt-liar2", Modality.TEXT);
    RegisterAck refused = again.attach(valid(again).build());
    assertThat(refused.getAccepted()).isFalse();
    assertThat(refused.getReason()).contains("device_id").contains("quarantined until");
    assertThat(meters.counter("bs.devices.refused", "reason", "quarantined").count()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(BsProperties.Plausibility.DEFAULTS.quarantineSeconds() + 1));
    FakeDevice later = device("txt-liar2", Modality.TEXT);
    assertThat(later.attach(valid(later).build()).getAccepted()).isTrue();
    assertThat(registry.device("txt-liar2").orElseThrow().status()).isEqualTo(DeviceStatus.LIVE);
  }

  @Test
  void aStreamThatNeverRegistersIsEndedAtItsDeadline() throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server quick = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new DeviceLinkService(registry, 65536, 200)).build().start();
    ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      FakeDevice silent = new FakeDevice(ch, "never-1", Modality.TEXT, data.test());
      silent.open();
      Status s = silent.closed().get(10, TimeUnit.SECONDS);
      assertThat(s.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(s.getDescription()).contains("register: none within 200 ms");
    } finally {
      ch.shutdownNow();
      quick.shutdownNow();
    }
  }

  @Test
  void anAnswerWithMoreSamplesThanAskedFailsItsCommand() throws Exception {
    FakeDevice mic = device("mic-big", Modality.AUDIO);
    mic.attach(valid(mic).build());
    mic.respond(false);
    String sample = data.test().id(0);
    var answer = registry.sense("mic-big", io.isacemu.proto.SenseCommand.newBuilder().setTaskId("t-x")
        .addSampleIds(sample).setSensingTimeS(0.1).setBandwidthUnits(1).setUnitBandwidthHz(180e3));
    await().atMost(Duration.ofSeconds(5)).until(() -> !mic.commands().isEmpty());
    long command = mic.commands().get(0).getCommandId();
    var three = io.isacemu.proto.SenseResult.newBuilder().setTaskId("t-x").setCommandId(command).setLastChunk(false);
    for (int i = 0; i < 3; i++) {
      three.addSamples(io.isacemu.proto.SampleResult.newBuilder().setSampleId(sample));
    }
    mic.send(DeviceMessage.newBuilder().setSenseResult(three).build());
    assertThat(answer).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .withMessageContaining("samples: device mic-big sent 3 samples in 1 chunks for command " + command
            + ", which asked for 1");
  }

  @Test
  void theRegistryHoldsAtMostMaxDevicesAndForgetsLongLostOnes() throws Exception {
    BsProperties base = TestProperties.with(new BsProperties.Auth("shared", Map.of()));
    BsProperties small = TestProperties.withLimits(base, new BsProperties.Limits(256, 3600, 1, 32, 1000, 10_000, 2, 60, 100_000, 16));
    DeviceRegistry two = new DeviceRegistry(small, DatasetCatalog.of(data), clock, meters);
    String name = InProcessServerBuilder.generateName();
    Server s2 = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new DeviceLinkService(two, small.maxMessageBytes())).build().start();
    ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      FakeDevice a = new FakeDevice(ch, "a-1", Modality.TEXT, data.test());
      FakeDevice b = new FakeDevice(ch, "b-1", Modality.TEXT, data.test());
      FakeDevice c = new FakeDevice(ch, "c-1", Modality.TEXT, data.test());
      assertThat(a.attach(valid(a).build()).getAccepted()).isTrue();
      assertThat(b.attach(valid(b).build()).getAccepted()).isTrue();
      RegisterAck third = c.attach(valid(c).build());
      assertThat(third.getAccepted()).isFalse();
      assertThat(third.getReason()).contains("isac.bs.limits.max-devices");
      a.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> two.device("a-1").orElseThrow().status() == DeviceStatus.LOST);
      clock.advance(Duration.ofSeconds(61));
      b.report(-90); // b stays LIVE: heard from
      two.checkLiveness();
      assertThat(two.device("a-1")).as("forgotten after 60 s LOST").isEmpty();
      FakeDevice c2 = new FakeDevice(ch, "c-1", Modality.TEXT, data.test());
      assertThat(c2.attach(valid(c2).build()).getAccepted()).as("room again").isTrue();
      b.close();
      c2.close();
    } finally {
      ch.shutdownNow();
      s2.shutdownNow();
    }
  }

  @Test
  void refusalsAreCountedByReason() throws Exception {
    FakeDevice cam = device("cam-1", Modality.VIDEO);
    cam.attach(valid(cam).setAuthToken("stolen").build());
    FakeDevice far = device("far-1", Modality.TEXT);
    far.attach(valid(far).setPosition(io.isacemu.proto.Position.newBuilder().setXM(5000).setYM(0)).build());
    assertThat(meters.counter("bs.devices.refused", "reason", "token").count()).isEqualTo(1);
    assertThat(meters.counter("bs.devices.refused", "reason", "position").count()).isEqualTo(1);
  }

  @Test
  void malformedAndOversizedMessagesEndOnlyThatStreamWithInvalidArgument() throws Exception {
    FakeDevice other = device("txt-9", Modality.TEXT);
    other.attach(valid(other).build());

    FakeDevice empty = device("mic-9", Modality.AUDIO);
    empty.attach(valid(empty).build());
    empty.send(DeviceMessage.getDefaultInstance());
    assertThat(empty.closed().get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

    FakeDevice big = device("cam-9", Modality.VIDEO);
    big.attach(valid(big).build());
    DeviceMessage huge = DeviceMessage.newBuilder().setSenseResult(io.isacemu.proto.SenseResult.newBuilder()
        .setTaskId("t").setCommandId(1).setErrorMessage("x".repeat(70_000))).build();
    big.send(huge);
    assertThat(big.closed().get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

    assertThat(registry.device("txt-9").orElseThrow().status()).isEqualTo(DeviceStatus.LIVE);
    other.report(-80);
    assertThat(registry.device("txt-9").orElseThrow().channelGainDb()).contains(-80.0);
  }

  @Test
  void aSecondRegisterIsAProtocolError() throws Exception {
    FakeDevice d = device("x-1", Modality.TEXT);
    d.attach(valid(d).build());
    d.send(DeviceMessage.newBuilder().setRegister(valid(d).build()).build());
    assertThat(d.closed().get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(registry.device("x-1").orElseThrow().status()).isEqualTo(DeviceStatus.LOST);
  }

  @Test
  void aFirstMessageOtherThanRegisterIsAnsweredWithDisconnect() throws Exception {
    FakeDevice d = device("x-2", Modality.TEXT);
    d.open();
    d.send(DeviceMessage.newBuilder().setHeartbeat(io.isacemu.proto.Heartbeat.getDefaultInstance()).build());
    assertThat(d.closed().get(5, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(d.disconnectReason()).contains("register");
    assertThat(registry.devices()).isEmpty();
  }
}
