package io.isacemu.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.UplinkModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

  private final CostModel model = new CostModel(
      UplinkModel.reference(4), MecServer.reference(), 0.5,
      List.of(
          new ModalityWorkload(Modality.VIDEO, 4e8, 60 * 32),
          new ModalityWorkload(Modality.AUDIO, 2e8, 120 * 32),
          new ModalityWorkload(Modality.TEXT, 1e8, 120 * 32)));

  private final DeviceProfile video = new DeviceProfile("cam", Modality.VIDEO, 4e6, 23, 1e-11, DeviceProcessor.of(1e9, 8), 0.5);
  private final DeviceProfile audio = new DeviceProfile("mic", Modality.AUDIO, 128e3, 23, 1e-10, DeviceProcessor.of(1e9, 8), 0.05);
  private final DeviceProfile text = new DeviceProfile("kbd", Modality.TEXT, 100, 23, 1e-9, DeviceProcessor.of(2e9, 8), 0.0);
  private final Map<Modality, DeviceProfile> devices = Map.of(Modality.VIDEO, video, Modality.AUDIO, audio, Modality.TEXT, text);

  @Test
  void offloadPathComposesEq1Eq5Eq6() {
    DevicePathCost c = model.path(video, new DevicePlan(10, ProcessingMode.OFFLOAD));
    double rate = model.uplink().rateBps(23, 1e-11, 10);
    assertThat(c.bitsSent()).isEqualTo(4e6 * 0.5); // eq. (1)
    assertThat(c.rateBps()).isEqualTo(rate); // eq. (5)
    assertThat(c.commSeconds()).isCloseTo(2e6 / rate, within(1e-15)); // eq. (6)
    assertThat(c.mecEncodeSeconds()).isCloseTo(4e8 / 3.2e11, within(1e-15));
    assertThat(c.localComputeSeconds()).isZero();
    assertThat(c.txEnergyJ()).isCloseTo(Units.dbmToWatts(23) * 2e6 / rate, within(1e-12));
    assertThat(c.sensingEnergyJ()).isEqualTo(0.25);
  }

  @Test
  void localPathSendsOnlyTheEncoding() {
    DevicePathCost c = model.path(video, new DevicePlan(10, ProcessingMode.LOCAL));
    assertThat(c.bitsSent()).isEqualTo(60 * 32);
    assertThat(c.localComputeSeconds()).isCloseTo(4e8 / 8e9, within(1e-15));
    assertThat(c.computeEnergyJ()).isCloseTo(1e-28 * 1e18 * 5e7, within(1e-15));
    assertThat(c.mecEncodeSeconds()).isZero();
  }

  @Test
  void expertLatencyIsSensingPlusSlowestPathPlusHead() {
    ExpertSpec vat = new ExpertSpec("V+A+T", ModalitySet.all(), 1e6);
    Map<Modality, DevicePlan> plans = Map.of(
        Modality.VIDEO, new DevicePlan(60, ProcessingMode.OFFLOAD),
        Modality.AUDIO, new DevicePlan(20, ProcessingMode.OFFLOAD),
        Modality.TEXT, new DevicePlan(1, ProcessingMode.OFFLOAD));
    ExpertCost c = model.cost(vat, devices, plans);
    double slowest = c.devices().stream().mapToDouble(DevicePathCost::pathSeconds).max().orElseThrow();
    assertThat(c.latencySeconds()).isCloseTo(0.5 + slowest + 1e6 / 3.2e11, within(1e-12));
    assertThat(c.latencySeconds()).isCloseTo(c.sensingSeconds() + c.commSeconds() + c.computeSeconds(), within(1e-12));
    assertThat(c.bits()).isEqualTo(2e6 + 64e3 + 50);
    assertThat(c.flops()).isEqualTo(4e8 + 2e8 + 1e8 + 1e6);
    assertThat(c.energyJ()).isCloseTo(c.devices().stream().mapToDouble(DevicePathCost::energyJ).sum(), within(1e-15));

    ExpertCost t = model.cost(new ExpertSpec("T", ModalitySet.of(Modality.TEXT), 1e5), devices,
        Map.of(Modality.TEXT, new DevicePlan(1, ProcessingMode.OFFLOAD)));
    assertThat(t.latencySeconds()).isLessThan(c.latencySeconds());
    assertThat(t.bits()).isLessThan(c.bits());

    CostTable table = CostTable.of(List.of(t, c));
    assertThat(table.experts()).containsExactly("T", "V+A+T");
    assertThat(table.normalized(CostMetric.BITS)[1]).isEqualTo(1.0);
    assertThat(table.normalized(CostMetric.BITS)[0]).isEqualTo(0.0);
    assertThat(CostTable.minMax(new double[] {2, 4, 3})).containsExactly(0.0, 1.0, 0.5);
    assertThat(CostTable.minMax(new double[] {5, 5})).containsExactly(0.0, 0.0);
  }

  @Test
  void missingDeviceOrPlanIsNamed() {
    ExpertSpec va = new ExpertSpec("V+A", ModalitySet.parse("V+A"), 0);
    Map<Modality, DevicePlan> plans = Map.of(
        Modality.VIDEO, new DevicePlan(1, ProcessingMode.LOCAL), Modality.AUDIO, new DevicePlan(1, ProcessingMode.LOCAL));
    assertThatThrownBy(() -> model.cost(va, Map.of(Modality.VIDEO, video), plans))
        .hasMessageContaining("AUDIO");
    assertThatThrownBy(() -> model.cost(va, Map.of(Modality.VIDEO, video, Modality.AUDIO, audio), Map.of()))
        .hasMessageContaining("plans").hasMessageContaining("VIDEO");
    assertThatThrownBy(() -> model.cost(va, Map.of(Modality.VIDEO, audio, Modality.AUDIO, audio), Map.of()))
        .hasMessageContaining("mic").hasMessageContaining("VIDEO");
    assertThatThrownBy(() -> new DevicePlan(0, ProcessingMode.LOCAL)).hasMessageContaining("units");
    assertThatThrownBy(() -> new DeviceProfile(" ", Modality.TEXT, 1, 23, 1e-9, DeviceProcessor.of(1e9, 8), 0))
        .hasMessageContaining("deviceId");
    assertThatThrownBy(() -> CostMetric.parse("joules")).hasMessageContaining("joules");
  }

  @Test
  void optimalCostMatchesTheSchedulersAllocation() {
    ExpertSpec vat = new ExpertSpec("V+A+T", ModalitySet.all(), 1e6);
    ExpertCost c = model.optimalCost(vat, devices, 111).orElseThrow();
    // the scheduler's per-device latency is exactly the cost model's path time
    io.isacemu.core.scheduler.Schedule s = new io.isacemu.core.scheduler.OptimalScheduler().minimizeLatency(
        new io.isacemu.core.scheduler.SchedulingProblem(180e3, 111,
            List.of(model.demand(video), model.demand(audio), model.demand(text))));
    var f = (io.isacemu.core.scheduler.Schedule.Feasible) s;
    for (int i = 0; i < 3; i++) {
      assertThat(c.devices().get(i).pathSeconds())
          .isCloseTo(f.allocations().get(i).latencySeconds(), within(1e-12 * f.allocations().get(i).latencySeconds()));
      assertThat(c.devices().get(i).units()).isEqualTo(f.allocations().get(i).units());
    }
    assertThat(c.latencySeconds()).isCloseTo(0.5 + f.makespanSeconds() + 1e6 / 3.2e11, within(1e-12));
    // more units never make it slower
    assertThat(model.optimalCost(vat, devices, 30).orElseThrow().latencySeconds())
        .isGreaterThanOrEqualTo(c.latencySeconds());
    assertThat(model.optimalCost(vat, devices, 2)).isEmpty();
    CostTable table = model.costTable(List.of(new ExpertSpec("T", ModalitySet.of(Modality.TEXT), 1e5), vat), devices, 111);
    assertThat(table.values(CostMetric.LATENCY)[0]).isLessThan(table.values(CostMetric.LATENCY)[1]);
    assertThatThrownBy(() -> model.costTable(List.of(vat), devices, 2)).hasMessageContaining("V+A+T").hasMessageContaining("units: 2");
  }
}
