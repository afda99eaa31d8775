package io.isacemu.bs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ServingGate;
import io.isacemu.bs.model.ServingModel;
import io.isacemu.bs.registry.DeviceLinkService;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.support.FakeDevice;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.bs.support.TestProperties;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.NetworkState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task engine against real sessions and fake devices, with a scripted (DJL-free) model. */
class TaskEngineTest {

  /** Experts T and V+A+T; the gate reads T + the network state and picks V+A+T for even sample ids. */
  static final class ScriptedModel implements ServingModel {
    final List<float[]> states = new ArrayList<>();
    final List<Integer> routed = new ArrayList<>();
    volatile boolean closed;
    Optional<ServingGate> full = Optional.empty();

    @Override
    public Optional<ServingGate> fullGate() {
      return full;
    }

    @Override
    public String version() {
      return "scripted";
    }

    @Override
    public List<ModalitySet> experts() {
      return List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all());
    }

    @Override
    public ModalitySet gateInputs() {
      return ModalitySet.of(Modality.TEXT);
    }

    @Override
    public int networkStateDim() {
      return NetworkState.DIM;
    }

    @Override
    public long expertFlops(int i) {
      return i == 0 ? 1_000_000 : 10_000_000;
    }

    @Override
    public long gateFlops() {
      return 100_000;
    }

    @Override
    public int[] choose(MultimodalSplit split, GateFeatures features) {
      assertThat(split.modalities()).containsExactly(Modality.TEXT);
      int[] c = new int[split.size()];
      for (int i = 0; i < c.length; i++) {
        states.add(features.of(split, i));
        c[i] = Integer.parseInt(split.id(i).replaceAll("\\D", "")) % 2 == 0 ? 1 : 0;
      }
      return c;
    }

    @Override
    public float[] route(MultimodalSplit split, int[] choice) {
      float[] out = new float[choice.length];
      for (int i = 0; i < choice.length; i++) {
        routed.add(choice[i]);
        // the expert's modalities must be present (non-zero features) for the sample
        for (Modality m : experts().get(choice[i]).modalities()) {
          int td = split.sequenceLength(m) * split.featureDim(m);
          boolean any = false;
          for (int j = 0; j < td; j++) {
            any |= split.features(m).get(i * td + j) != 0f;
          }
          assertThat(any).as("features of " + m + " for " + split.id(i)).isTrue();
        }
        out[i] = choice[i] == 0 ? -1f : 1f;
      }
      return out;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private MultimodalDataset data;
  private DeviceRegistry registry;
  private Server server;
  private ManagedChannel channel;
  private final ModelHolder holder = new ModelHolder();
  private final ScriptedModel model = new ScriptedModel();
  private final Map<Modality, FakeDevice> devices = new EnumMap<>(Modality.class);
  private UplinkModel uplink;
  private SpectrumLedger ledger;
  private TaskEngine engine;

  @BeforeEach
  void start() throws Exception {
    data = TestBundle.dataset();
    BsProperties props = TestProperties.with(new BsProperties.Auth("", Map.of()), 300);
    DatasetCatalog catalog = DatasetCatalog.of(data);
    registry = new DeviceRegistry(props, catalog, Clock.systemUTC(), new SimpleMeterRegistry());
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(new DeviceLinkService(registry, 65536)).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    uplink = new UplinkModel(new Spectrum(20e6, 180e3), ThermalNoise.withNoiseFigure(9), 4);
    ledger = new SpectrumLedger(uplink.spectrum());
    DeviceSelector selector = new DeviceSelector(registry, uplink);
    Fetcher fetcher = Fetcher.create(registry, selector, ledger, props, catalog,
        new MecServer(props.mec().cpuHz(), props.mec().flopsPerCycle()), System::nanoTime);
    engine = new TaskEngine(holder, fetcher, selector, catalog, new MecServer(20e9, 16), ledger, System::nanoTime);
  }

  @AfterEach
  void stop() throws Exception {
    devices.values().forEach(FakeDevice::close);
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    holder.close();
  }

  private void attachAll() throws Exception {
    for (Modality m : Modality.values()) {
      FakeDevice d = new FakeDevice(channel, "d-" + m.symbol(), m, data.test());
      assertThat(d.attach(d.register(data.fingerprint()).build()).getAccepted()).isTrue();
      d.report(m == Modality.VIDEO ? -100 : -90);
      d.awaitApplied(registry);
      devices.put(m, d);
    }
  }

  private List<String> ids(int n) {
    return data.test().size() >= n ? java.util.stream.IntStream.range(0, n).mapToObj(data.test()::id).toList() : List.of();
  }

  private TaskEngine.Outcome run(String mode, int n, Objective objective) {
    return engine.run("t-x", new TaskRequest(ids(n), TaskMode.parse(mode), 10.0, objective));
  }

  @Test
  void onDemandFetchesTheCheapInputsThenOnlyWhatTheGateChose() throws Exception {
    attachAll();
    holder.swap(model);

    TaskEngine.Outcome o = run("on-demand", 6, Objective.LATENCY);

    assertThat(o.status()).as(o.reason()).isEqualTo(TaskStatus.DONE);
    List<String> even = List.of(ids(6).get(0), ids(6).get(2), ids(6).get(4));
    assertThat(devices.get(Modality.TEXT).commands()).hasSize(1);
    assertThat(devices.get(Modality.TEXT).commands().get(0).getSampleIdsList()).isEqualTo(ids(6));
    assertThat(devices.get(Modality.VIDEO).commands()).hasSize(1);
    assertThat(devices.get(Modality.VIDEO).commands().get(0).getSampleIdsList()).isEqualTo(even);
    assertThat(devices.get(Modality.AUDIO).commands().get(0).getSampleIdsList()).isEqualTo(even);
    assertThat(o.devices()).extracting(TaskResult.DeviceRound::round).containsExactlyInAnyOrder(1, 2, 2);
    assertThat(o.samples()).extracting(s -> s.expert().orElseThrow())
        .containsExactly("V+A+T", "T", "V+A+T", "T", "V+A+T", "T");
    // sense commands carry the scheduler's units and the configured sensing time and unit bandwidth
    var cmd = devices.get(Modality.VIDEO).commands().get(0);
    assertThat(cmd.getBandwidthUnits()).isPositive();
    assertThat(cmd.getUnitBandwidthHz()).isEqualTo(180e3);
    assertThat(cmd.getSensingTimeS()).isEqualTo(0.1);
    assertThat(cmd.getProcessingMode()).isEqualTo(io.isacemu.proto.ProcessingMode.PROCESSING_MODE_OFFLOAD);
    // network state: the vector training builds (NetworkState, γ_1 as StateCosts computes it) for the
    // same devices (23 dBm; gains −100, −90, −90 dB) and a free band
    float[] state = model.states.get(0);
    NetworkState same = new NetworkState(Map.of(
        Modality.VIDEO, NetworkState.snrPerUnitDb(uplink, 23, Units.dbToLinear(-100)),
        Modality.AUDIO, NetworkState.snrPerUnitDb(uplink, 23, Units.dbToLinear(-90)),
        Modality.TEXT, NetworkState.snrPerUnitDb(uplink, 23, Units.dbToLinear(-90))), 1.0);
    assertThat(state).hasSize(NetworkState.DIM).containsExactly(same.vector());
    assertThat(state[0]).isLessThan(state[2]); // the video device is 10 dB worse
    // modelled accounting: bits = raw n_k of every fetched sample (eq. 1)
    double expectedBits = 6 * 1e3 * 0.1 + 3 * 4e6 * 0.1 + 3 * 128e3 * 0.1;
    assertThat(o.bits()).isCloseTo(expectedBits, within(1e-6));
    assertThat(o.modelled().totalSeconds()).isCloseTo(
        o.modelled().sensingSeconds() + o.modelled().commSeconds() + o.modelled().computeSeconds(), within(1e-12));
    assertThat(o.modelled().computeSeconds()).isCloseTo((6 * 100_000 + 3 * 1_000_000 + 3 * 10_000_000) / 320e9, within(1e-15));
    // R_k of eq. (5) with the allocated units
    TaskResult.DeviceRound video = o.devices().stream().filter(d -> d.modality() == Modality.VIDEO).findFirst().orElseThrow();
    assertThat(video.rateBps()).isCloseTo(uplink.rateBps(23, Units.dbToLinear(-100), video.units()), within(1e-6));
    assertThat(ledger.free()).isEqualTo(111);
  }

  /** A FULL-input gate that reads every modality, no state, and always picks T. */
  static final class AllTextFullGate implements ServingGate {
    final List<MultimodalSplit> seen = new ArrayList<>();

    @Override
    public ModalitySet gateInputs() {
      return ModalitySet.all();
    }

    @Override
    public int networkStateDim() {
      return 0;
    }

    @Override
    public long gateFlops() {
      return 300_000;
    }

    @Override
    public int[] choose(MultimodalSplit split, GateFeatures features) {
      seen.add(split);
      for (int i = 0; i < split.size(); i++) {
        assertThat(features.of(split, i)).isEmpty();
      }
      return new int[split.size()];
    }
  }

  @Test
  void fullModeUsesTheFullGateOnEveryModalityAndOnDemandTheCheapGate() throws Exception {
    attachAll();
    AllTextFullGate fullGate = new AllTextFullGate();
    model.full = Optional.of(fullGate);
    holder.swap(model);

    TaskEngine.Outcome full = run("full", 4, Objective.LATENCY);

    assertThat(full.status()).as(full.reason()).isEqualTo(TaskStatus.DONE);
    assertThat(fullGate.seen).hasSize(1);
    assertThat(fullGate.seen.get(0).modalities()).containsExactlyInAnyOrder(Modality.values());
    assertThat(model.states).isEmpty(); // the cheap gate did not run
    assertThat(full.samples()).extracting(x -> x.expert().orElseThrow()).containsOnly("T");
    assertThat(full.modelled().computeSeconds()).isCloseTo((4 * 300_000 + 4 * 1_000_000) / 320e9, within(1e-15));
    for (Modality m : Modality.values()) {
      assertThat(devices.get(m).commands()).hasSize(1); // everything sensed and sent first
    }

    TaskEngine.Outcome onDemand = run("on-demand", 4, Objective.LATENCY);

    assertThat(onDemand.status()).as(onDemand.reason()).isEqualTo(TaskStatus.DONE);
    assertThat(fullGate.seen).hasSize(1);
    assertThat(model.states).hasSize(4);
    assertThat(onDemand.samples()).extracting(x -> x.expert().orElseThrow()).containsExactly("V+A+T", "T", "V+A+T", "T");
  }

  @Test
  void energyObjectiveAlsoServesEveryMode() throws Exception {
    attachAll();
    holder.swap(model);
    for (String mode : List.of("fixed:T", "fixed:V+A+T", "full", "on-demand")) {
      TaskEngine.Outcome o = run(mode, 4, Objective.ENERGY);
      assertThat(o.status()).as(mode + ": " + o.reason()).isEqualTo(TaskStatus.DONE);
      assertThat(o.energyJ()).isPositive();
    }
  }

  @Test
  void aSilentDeviceMissesTheDeadlineAndItsSamplesFallBack() throws Exception {
    attachAll();
    holder.swap(model);
    devices.get(Modality.AUDIO).respond(false);

    TaskEngine.Outcome o = run("fixed:V+A+T", 3, Objective.LATENCY);

    assertThat(o.status()).isEqualTo(TaskStatus.DEGRADED);
    assertThat(o.reason()).contains("d-A missed the deadline");
    assertThat(o.devices()).filteredOn(d -> d.modality() == Modality.AUDIO)
        .extracting(TaskResult.DeviceRound::outcome).containsExactly("TIMEOUT");
    assertThat(o.samples()).allSatisfy(s -> {
      assertThat(s.expert()).contains("T");
      assertThat(s.degraded()).isTrue();
    });
  }

  @Test
  void withoutDevicesOrModelOrExpertTheTaskFailsWithAReason() throws Exception {
    assertThat(run("fixed:T", 2, Objective.LATENCY).reason()).contains("no model in service");
    holder.swap(model);

    TaskEngine.Outcome none = run("fixed:T", 2, Objective.LATENCY);
    assertThat(none.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(none.reason()).contains("no LIVE TEXT device");
    assertThat(none.samples()).hasSize(2).noneMatch(TaskResult.SampleOutcome::served);

    TaskEngine.Outcome missing = run("fixed:V", 2, Objective.LATENCY);
    assertThat(missing.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(missing.reason()).contains("V is not in bundle scripted");
  }

  @Test
  void theGateFallsBackWhenItsInputsAreMissing() throws Exception {
    attachAll();
    holder.swap(model);
    devices.get(Modality.TEXT).kill();
    org.awaitility.Awaitility.await().until(() -> registry.live(Modality.TEXT).isEmpty());

    TaskEngine.Outcome o = run("on-demand", 2, Objective.LATENCY);

    // no text: the gate cannot run and no expert (T, V+A+T) fits V+A alone
    assertThat(o.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(o.reason()).contains("no LIVE TEXT device").contains("lack the gate inputs T");
    assertThat(Optional.ofNullable(model.states.isEmpty() ? null : "gate ran")).isEmpty();
  }
}
