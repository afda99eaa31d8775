package io.isacemu.bs.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.model.DjlModelLoader;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceLinkService;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.support.TestProperties;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.learning.ExpertRunner;
import io.isacemu.proto.BundleArchive;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LOCAL processing through the real task engine: the suite's tiny trained bundle served by the BS
 * (DjlModelLoader) and run, encoder only, on fake devices that hold the same bundle.
 */
class LocalProcessingTest {

  private static final String VERSION = "v1";
  private static Path root;
  private static Path bundleDir;
  private static DjlModelLoader loader;
  private static ExpertRunner deviceSide;
  private static MultimodalDataset data;

  private final ModelHolder holder = new ModelHolder();
  private final Map<Modality, FakeDevice> devices = new EnumMap<>(Modality.class);
  private DeviceRegistry registry;
  private Server server;
  private ManagedChannel channel;
  private DatasetCatalog catalog;
  private UplinkModel uplink;

  @BeforeAll
  static void bundle() throws Exception {
    data = TestBundle.dataset();
    root = Files.createTempDirectory("bs-local-test-");
    bundleDir = BundleArchive.unpack(TestBundle.zip(), root);
    loader = new DjlModelLoader();
    deviceSide = ExpertRunner.load(bundleDir);
  }

  @AfterAll
  static void release() {
    deviceSide.close();
    loader.close();
    BundleArchive.deleteQuietly(root);
  }

  private static BsProperties props(BsProperties.Processing processing) {
    BsProperties p = TestProperties.with(new BsProperties.Auth("", Map.of()), 300);
    return new BsProperties(p.grpcPort(), p.grpcInProcessName(), p.registryTarget(), p.apiKey(), p.auth(),
        p.reportPeriodMs(), p.lostAfterReports(), p.attachGraceMs(), p.maxMessageBytes(), p.sensingSeconds(),
        p.timeScaleFactor(), p.deadlineGraceMs(), p.defaultDeadlineSeconds(), p.taskThreads(), p.taskHistory(),
        p.sensingPowerW(), p.radio(), p.mec(), p.dataset(), processing, BsProperties.Limits.DEFAULTS,
        BsProperties.Plausibility.DEFAULTS, BsProperties.Storage.NONE);
  }

  /** Attaches V, A, T devices with CPU {@code cpuHz} and channel gain {@code gainDb}; each holds {@code versions}. */
  private void attach(double cpuHz, double gainDb, Map<Modality, String> versions) throws Exception {
    catalog = DatasetCatalog.of(data);
    registry = new DeviceRegistry(props(BsProperties.Processing.AUTO), catalog, Clock.systemUTC(),
        new SimpleMeterRegistry());
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(new DeviceLinkService(registry, 65536)).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    uplink = new UplinkModel(new Spectrum(20e6, 180e3), ThermalNoise.withNoiseFigure(9), 4);
    for (Modality m : Modality.values()) {
      FakeDevice d = new FakeDevice(channel, "d-" + m.symbol(), m, data.test());
      d.cpuHz(cpuHz);
      Optional.ofNullable(versions.get(m)).ifPresent(v -> d.localEncoder(v, deviceSide));
      assertThat(d.attach(d.register(data.fingerprint()).build()).getAccepted()).isTrue();
      d.report(gainDb);
      d.awaitApplied(registry);
      devices.put(m, d);
    }
    holder.swap(loader.load(bundleDir, VERSION));
  }

  private Fetcher fetcher(BsProperties.Processing processing) {
    BsProperties p = props(processing);
    return Fetcher.create(registry, new DeviceSelector(registry, uplink), new SpectrumLedger(uplink.spectrum()),
        p, catalog, new MecServer(p.mec().cpuHz(), p.mec().flopsPerCycle()), System::nanoTime);
  }

  private TaskEngine.Outcome run(Fetcher fetcher, String mode, int n) {
    TaskEngine engine = new TaskEngine(holder, fetcher, new DeviceSelector(registry, uplink), catalog,
        new MecServer(20e9, 16), new SpectrumLedger(uplink.spectrum()), System::nanoTime);
    List<String> ids = IntStream.range(0, n).mapToObj(data.test()::id).toList();
    return engine.run("t-local", new TaskRequest(ids, TaskMode.parse(mode), 10.0, Objective.LATENCY));
  }

  @AfterEach
  void stop() throws Exception {
    devices.values().forEach(FakeDevice::close);
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    holder.close();
  }

  private static Map<Modality, String> all(String version) {
    return Map.of(Modality.VIDEO, version, Modality.AUDIO, version, Modality.TEXT, version);
  }

  private static TaskResult.DeviceRound round(TaskEngine.Outcome o, Modality m) {
    return o.devices().stream().filter(d -> d.modality() == m).reduce((a, b) -> b).orElseThrow();
  }

  private static float[] predictions(TaskEngine.Outcome o) {
    float[] p = new float[o.samples().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = o.samples().get(i).prediction().orElseThrow();
    }
    return p;
  }

  @Test
  void localPredictionsEqualOffloadOnesWithFarFewerBitsOverTheAir() throws Exception {
    attach(1e9, -110, all(VERSION));

    TaskEngine.Outcome local = run(fetcher(BsProperties.Processing.LOCAL), "fixed:V+A+T", 12);
    TaskEngine.Outcome offload = run(fetcher(BsProperties.Processing.OFFLOAD), "fixed:V+A+T", 12);

    assertThat(local.status()).as(local.reason()).isEqualTo(TaskStatus.DONE);
    assertThat(offload.status()).as(offload.reason()).isEqualTo(TaskStatus.DONE);
    assertThat(local.devices()).hasSize(3).allSatisfy(d -> {
      assertThat(d.mode()).isEqualTo(ProcessingMode.LOCAL);
      assertThat(d.delivered()).isEqualTo(12);
      assertThat(d.outcome()).isEqualTo("OK");
    });
    assertThat(offload.devices()).allSatisfy(d -> assertThat(d.mode()).isEqualTo(ProcessingMode.OFFLOAD));
    float[] a = predictions(local);
    float[] b = predictions(offload);
    for (int i = 0; i < a.length; i++) {
      assertThat(Math.abs(a[i] - b[i])).as("sample " + i).isLessThan(1e-5f);
    }
    // LOCAL uploads 32·d_model bits per sample: less over the air than raw video and audio
    int vat = deviceSide.indexOf("V+A+T");
    double localBits = 0;
    for (Modality m : Modality.values()) {
      localBits += 12.0 * 32 * deviceSide.encodedWidth(vat, m);
    }
    assertThat(local.bits()).isEqualTo(localBits);
    assertThat(local.bits()).isLessThan(offload.bits());
    // the MEC no longer runs the three encoders
    assertThat(local.modelled().computeSeconds()).isLessThan(offload.modelled().computeSeconds());
  }

  /** The chosen path is the cheaper one under the core's own cost numbers at the allocated rate. */
  private void assertCheaperThanTheOther(TaskResult.DeviceRound r, Fetcher.LocalOption l,
      io.isacemu.bs.registry.DeviceView v) {
    BsProperties auto = props(BsProperties.Processing.AUTO);
    List<PathOption> paths = new PathCosts(auto, new MecServer(auto.mec().cpuHz(), auto.mec().flopsPerCycle()))
        .options(v, r.samples(), Optional.of(l));
    assertThat(paths).hasSize(2);
    PathOption chosen = paths.stream().filter(p -> p.mode() == r.mode()).findFirst().orElseThrow();
    PathOption other = paths.stream().filter(p -> p.mode() != r.mode()).findFirst().orElseThrow();
    assertThat(chosen.latencySeconds(r.rateBps())).isLessThan(other.latencySeconds(r.rateBps()));
  }

  private Fetcher.LocalOption option(Modality m) {
    int vat = deviceSide.indexOf("V+A+T");
    return new Fetcher.LocalOption(VERSION, vat, "V+A+T", deviceSide.encoderFlops(vat, m),
        deviceSide.encodedWidth(vat, m));
  }

  @Test
  void autoPicksLocalForAFastCpuOnAPoorLink() throws Exception {
    attach(1e10, -125, all(VERSION));
    Fetcher f = fetcher(BsProperties.Processing.AUTO);

    TaskEngine.Outcome o = run(f, "fixed:V+A+T", 8);

    assertThat(o.status()).as(o.reason()).isEqualTo(TaskStatus.DONE);
    TaskResult.DeviceRound video = round(o, Modality.VIDEO);
    assertThat(video.mode()).isEqualTo(ProcessingMode.LOCAL);
    assertCheaperThanTheOther(video, option(Modality.VIDEO), registry.device("d-V").orElseThrow());
  }

  @Test
  void autoPicksOffloadForASlowCpuOnAGoodLink() throws Exception {
    attach(1e4, -60, all(VERSION));
    Fetcher f = fetcher(BsProperties.Processing.AUTO);

    TaskEngine.Outcome o = run(f, "fixed:V+A+T", 8);

    assertThat(o.status()).as(o.reason()).isEqualTo(TaskStatus.DONE);
    for (Modality m : Modality.values()) {
      TaskResult.DeviceRound r = round(o, m);
      assertThat(r.mode()).as(m.name()).isEqualTo(ProcessingMode.OFFLOAD);
      assertCheaperThanTheOther(r, option(m), registry.device("d-" + m.symbol()).orElseThrow());
    }
  }

  @Test
  void aDeviceWithAnotherBundleRefusesAndIsReFetchedWithOffloadNotDegraded() throws Exception {
    attach(1e9, -110, Map.of(Modality.VIDEO, VERSION, Modality.AUDIO, "v-old", Modality.TEXT, VERSION));
    Fetcher f = fetcher(BsProperties.Processing.LOCAL);

    TaskEngine.Outcome o = run(f, "fixed:V+A+T", 6);
    TaskEngine.Outcome reference = run(fetcher(BsProperties.Processing.OFFLOAD), "fixed:V+A+T", 6);

    assertThat(o.status()).as(o.reason()).isEqualTo(TaskStatus.DONE);
    assertThat(o.samples()).noneMatch(TaskResult.SampleOutcome::degraded);
    List<TaskResult.DeviceRound> audio = o.devices().stream().filter(d -> d.modality() == Modality.AUDIO).toList();
    assertThat(audio).hasSize(2);
    assertThat(audio.get(0).mode()).isEqualTo(ProcessingMode.LOCAL);
    assertThat(audio.get(0).delivered()).isZero();
    assertThat(audio.get(0).outcome()).startsWith("LOCAL_UNAVAILABLE").contains("v-old");
    assertThat(audio.get(1).mode()).isEqualTo(ProcessingMode.OFFLOAD);
    assertThat(audio.get(1).delivered()).isEqualTo(6);
    assertThat(round(o, Modality.VIDEO).mode()).isEqualTo(ProcessingMode.LOCAL);
    float[] a = predictions(o);
    float[] b = predictions(reference);
    for (int i = 0; i < a.length; i++) {
      assertThat(Math.abs(a[i] - b[i])).isLessThan(1e-5f);
    }
    // the refusal is remembered: the next task asks the audio device for OFFLOAD at once
    int before = devices.get(Modality.AUDIO).commands().size();
    TaskEngine.Outcome again = run(f, "fixed:V+A+T", 6);
    assertThat(again.status()).isEqualTo(TaskStatus.DONE);
    assertThat(devices.get(Modality.AUDIO).commands()).hasSize(before + 1);
    assertThat(devices.get(Modality.AUDIO).commands().get(before).getProcessingMode())
        .isEqualTo(io.isacemu.proto.ProcessingMode.PROCESSING_MODE_OFFLOAD);
  }

  @Test
  void aLostDeviceAfterLocalEncodingDegradesToTheFallbackExpertOnRawInputsNotFailed() throws Exception {
    attach(1e9, -110, all(VERSION));
    devices.get(Modality.VIDEO).kill();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> registry.live(Modality.VIDEO).isEmpty());

    TaskEngine.Outcome o = run(fetcher(BsProperties.Processing.LOCAL), "fixed:V+A+T", 6);

    // A and T were encoded on the devices for V+A+T; without video the fallback (T) needs raw text,
    // fetched in one more OFFLOAD round — the samples are served, degraded, none lost
    assertThat(o.status()).as(o.reason()).isEqualTo(TaskStatus.DEGRADED);
    assertThat(o.reason()).contains("VIDEO").contains("re-fetched [TEXT] raw");
    assertThat(o.samples()).hasSize(6).allSatisfy(x -> {
      assertThat(x.degraded()).isTrue();
      assertThat(x.expert()).contains("T");
      assertThat(x.prediction()).isPresent();
    });
    List<TaskResult.DeviceRound> text = o.devices().stream().filter(d -> d.modality() == Modality.TEXT).toList();
    assertThat(text).extracting(TaskResult.DeviceRound::mode)
        .containsExactly(ProcessingMode.LOCAL, ProcessingMode.OFFLOAD);
    assertThat(text.get(1).delivered()).isEqualTo(6);
  }
}
