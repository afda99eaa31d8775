package io.isacemu.device.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.SampleStore;
import io.isacemu.device.emulator.WallClock;
import io.isacemu.device.sensing.SenseOutcome;
import io.isacemu.device.sensing.SenseRequest;
import io.isacemu.device.sensing.SenseStatus;
import io.isacemu.device.sensing.SensedSample;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.device.testing.TestDevices;
import io.isacemu.learning.ArchitecturePreset;
import io.isacemu.learning.ExpertRunner;
import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.GatedModel;
import io.isacemu.learning.ModelBundle;
import io.isacemu.learning.ModelDescription;
import io.isacemu.learning.TaskLoss;
import io.isacemu.proto.BundleArchive;
import io.isacemu.proto.BundleAssembler;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.proto.DownloadRequest;
import io.isacemu.proto.GetLatestRequest;
import io.isacemu.proto.ModelRegistryGrpc;
import io.isacemu.proto.WatchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LOCAL processing with a real bundle: fetched from an in-process ModelRegistry by {@link
 * ModelFollower}, encoded by {@link BundleEncoders}, costed by {@link SensingService}.
 */
class LocalProcessingTest {

  private static final String VERSION = "v-test-1";
  @TempDir static Path tmp;
  private static Path bundleDir;
  private static Server server;
  private static BundleEncoders encoders;
  private static ModelFollower follower;

  /** A one-version registry serving {@code zip} in 3 chunks; Watch stays open and silent. */
  private static final class OneBundleRegistry extends ModelRegistryGrpc.ModelRegistryImplBase {
    final byte[] zip;
    final BundleInfo info;

    OneBundleRegistry(byte[] zip) {
      this.zip = zip;
      this.info = BundleInfo.newBuilder().setVersion(VERSION).setSizeBytes(zip.length)
          .setSha256Hex(BundleAssembler.sha256Hex(zip)).setPreset("tiny").build();
    }

    @Override
    public void getLatest(GetLatestRequest request, StreamObserver<BundleInfo> out) {
      out.onNext(info);
      out.onCompleted();
    }

    @Override
    public void download(DownloadRequest request, StreamObserver<BundleChunk> out) {
      if (!request.getVersion().equals(VERSION)) {
        out.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      int step = zip.length / 3 + 1;
      for (int off = 0; off < zip.length; off += step) {
        int len = Math.min(step, zip.length - off);
        boolean last = off + len == zip.length;
        BundleChunk.Builder c = BundleChunk.newBuilder().setVersion(VERSION).setOffsetBytes(off)
            .setData(ByteString.copyFrom(zip, off, len)).setLast(last);
        if (last) {
          c.setSha256Hex(info.getSha256Hex());
        }
        out.onNext(c.build());
      }
      out.onCompleted();
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<BundleInfo> out) {
      // stays open: nothing new is ever published
    }
  }

  @BeforeAll
  static void publishAndFollow() throws Exception {
    MultimodalDataset data = TestDevices.DATASET;
    Map<Modality, Integer> widths = Map.of(Modality.VIDEO, 8, Modality.AUDIO, 4, Modality.TEXT, 4);
    ArchitecturePreset tiny = new ArchitecturePreset("tiny", widths, 1, 2, 1, List.of(4), List.of(4), 4, 1, 1, 4, 0.0);
    List<ModalitySet> experts = List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all());
    Map<Modality, Integer> dims = Map.of(Modality.VIDEO, data.test().featureDim(Modality.VIDEO),
        Modality.AUDIO, data.test().featureDim(Modality.AUDIO), Modality.TEXT, data.test().featureDim(Modality.TEXT));
    ModelDescription d = new ModelDescription(tiny, experts, ModalitySet.of(Modality.TEXT), 0, dims,
        data.test().sequenceLengths(dims.keySet()), TaskLoss.L1, 0.5, new GateCostTable(Map.of(
            "T", new GateExpertCost(0.01, 0.1, 1e3, 1e6), "V+A+T", new GateExpertCost(0.1, 1, 1e5, 1e7)), CostMetric.LATENCY));
    Engine.getInstance().setRandomSeed(11);
    try (GatedModel model = GatedModel.create(d)) {
      bundleDir = ModelBundle.save(model, tmp.resolve("model"), "synthetic", data.fingerprint(),
          model.evaluate(data.valid(), GateFeatures.none()), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }
    server = InProcessServerBuilder.forName("device-registry").directExecutor()
        .addService(new OneBundleRegistry(zip())).build().start();
    encoders = new BundleEncoders();
    ManagedChannel channel = InProcessChannelBuilder.forName("device-registry").directExecutor().build();
    follower = new ModelFollower(Optional.of(channel), "in-process:device-registry", encoders, WallClock.system());
    follower.start();
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> encoders.version().isPresent());
  }

  /** model/ plus the archive manifest, as the training service packs a bundle; tmp holds nothing else. */
  private static byte[] zip() throws Exception {
    return BundleArchive.pack("{}".getBytes(StandardCharsets.UTF_8), tmp, Instant.EPOCH);
  }

  @AfterAll
  static void stop() {
    follower.close();
    encoders.close();
    server.shutdownNow();
  }

  private final DeviceEmulator emulator = TestDevices.emulator(TestDevices.staticVideo("cam"), 5);
  private final SampleStore store = emulator.samples();
  private final SensingService sensing = new SensingService(emulator, ThermalNoise.reference(), 1,
      encoders.forDevice(Modality.VIDEO, store.sequenceLength(), store.featureDim()));
  private final List<String> ids = List.of("syn-test-000000", "syn-test-000001", "syn-test-000002");

  private SenseRequest local(String version, String expert) {
    return new SenseRequest("task", 1, ids, 0.5, 3, 180e3, Optional.of(ProcessingMode.LOCAL), 100, 0.01,
        version, expert);
  }

  @Test
  void theFetchedBundleEncodesLikeTheModelAndTheModelledCostsFollowItsFlops() {
    assertThat(encoders.version()).contains(VERSION);
    SenseOutcome out = sensing.execute(local(VERSION, "V+A+T"));

    assertThat(out.status()).isEqualTo(SenseStatus.OK);
    try (ExpertRunner reference = ExpertRunner.load(bundleDir)) {
      int vat = reference.indexOf("V+A+T");
      int width = reference.encodedWidth(vat, Modality.VIDEO);
      assertThat(width).isEqualTo(8);
      for (int i = 0; i < ids.size(); i++) {
        float[] expected = reference.encode(vat, Modality.VIDEO, store.features(ids.get(i)).orElseThrow());
        SensedSample s = out.samples().get(i);
        assertThat(s.sampleId()).isEqualTo(ids.get(i));
        float[] got = ((SensedSample.Encoded) s.payload()).values();
        assertThat(got).hasSize(width);
        for (int j = 0; j < width; j++) {
          assertThat(Math.abs(got[j] - expected[j])).isLessThan(1e-5f);
        }
      }
      double flops = ids.size() * (double) reference.encoderFlops(vat, Modality.VIDEO);
      DeviceProcessor cpu = emulator.spec().processor();
      assertThat(out.bitsSent()).isEqualTo(ids.size() * 32L * width);
      assertThat(out.computeS()).isCloseTo(cpu.seconds(flops), within(1e-15));
      assertThat(out.computeS()).isPositive();
      // one sensing window of T^s = 0.5 s per sample, at P_s = 0.5 W
      double sensingS = ids.size() * 0.5;
      assertThat(out.energyJ()).isCloseTo(0.5 * sensingS + Units.dbmToWatts(23) * out.commS() + cpu.energyJ(flops),
          within(1e-12));
      assertThat(out.wallDelayS()).isCloseTo((sensingS + out.computeS() + out.commS()) * 0.01, within(1e-12));
    }
    // LOCAL uploads far fewer bits than the raw samples of OFFLOAD
    SenseOutcome raw = sensing.execute(new SenseRequest("task", 2, ids, 0.5, 3, 180e3,
        Optional.of(ProcessingMode.OFFLOAD), 100, 0.01));
    assertThat(out.bitsSent()).isLessThan(raw.bitsSent() / 10);
  }

  @Test
  void anotherVersionOrAnUnknownExpertIsRefusedWithoutSensing() {
    SenseOutcome old = sensing.execute(local("v-old", "V+A+T"));
    assertThat(old.status()).isEqualTo(SenseStatus.LOCAL_UNAVAILABLE);
    assertThat(old.errorMessage()).contains("holds model bundle '" + VERSION + "'").contains("'v-old'");
    assertThat(old.samples()).isEmpty();
    assertThat(old.bitsSent()).isZero();

    SenseOutcome textOnly = sensing.execute(local(VERSION, "T"));
    assertThat(textOnly.status()).isEqualTo(SenseStatus.LOCAL_UNAVAILABLE);
    assertThat(textOnly.errorMessage()).contains("does not read VIDEO");

    assertThat(sensing.execute(local(VERSION, "")).status()).isEqualTo(SenseStatus.LOCAL_UNAVAILABLE);
    assertThat(sensing.execute(local(VERSION, "A+T")).errorMessage()).contains("has no expert 'A+T'");
    assertThat(emulator.energyUsedJ()).isZero();
  }

  @Test
  void withoutABundleLocalIsUnavailable() {
    try (BundleEncoders empty = new BundleEncoders()) {
      SensingService none = new SensingService(emulator, ThermalNoise.reference(), 1,
          empty.forDevice(Modality.VIDEO, store.sequenceLength(), store.featureDim()));
      SenseOutcome out = none.execute(local(VERSION, "V+A+T"));
      assertThat(out.status()).isEqualTo(SenseStatus.LOCAL_UNAVAILABLE);
      assertThat(out.errorMessage()).startsWith(SensingService.NO_ENCODER_MESSAGE);
      assertThat(Arrays.asList(empty.version().isPresent())).containsExactly(false);
    }
  }
}
