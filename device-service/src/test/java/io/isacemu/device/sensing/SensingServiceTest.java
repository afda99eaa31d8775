package io.isacemu.device.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.testing.TestDevices;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SensingServiceTest {

  /** Test double: mean over time steps (d floats out), T·d FLOPs. Not a model; tests only. */
  private static final LocalEncoder MEAN_POOL = new LocalEncoder() {
    @Override
    public float[] encode(float[] raw, int steps, int dim) {
      float[] out = new float[dim];
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < dim; j++) {
          out[j] += raw[t * dim + j] / steps;
        }
      }
      return out;
    }

    @Override
    public int outputDim() {
      return 35;
    }

    @Override
    public double flops(int steps, int dim) {
      return (double) steps * dim;
    }
  };

  private final DeviceEmulator emulator = TestDevices.emulator(TestDevices.staticVideo("cam"), 11);

  private static SenseRequest request(ProcessingMode mode, List<String> ids, double deadlineS) {
    return new SenseRequest("task", 1, ids, 0.5, 3, 180e3, Optional.of(mode), deadlineS, 0.01);
  }

  @Test
  void localRunsTheEncoderAndModelsComputeTimeEnergyAndBits() {
    SensingService sensing = new SensingService(emulator, ThermalNoise.reference(), 1,
        Optional.of(MEAN_POOL));
    List<String> ids = List.of("syn-train-000000", "syn-valid-000001");

    SenseOutcome out = sensing.execute(request(ProcessingMode.LOCAL, ids, 100));

    assertThat(out.status()).isEqualTo(SenseStatus.OK);
    assertThat(out.samples()).hasSize(2).allSatisfy(s ->
        assertThat(s.payload()).isInstanceOfSatisfying(SensedSample.Encoded.class,
            e -> assertThat(e.values()).hasSize(35)));
    DeviceProcessor cpu = DeviceProcessor.of(1e9, 8);
    double flops = 2 * 20 * 35;
    assertThat(out.bitsSent()).isEqualTo(2 * 32 * 35);
    assertThat(out.computeS()).isCloseTo(cpu.seconds(flops), within(1e-18));
    double rate = sensing.rateBps(3, 180e3, emulator.channelNow().channelGainLinear());
    assertThat(out.commS()).isCloseTo(out.bitsSent() / rate, within(1e-15));
    // two samples, two sensing windows of T^s = 0.5 s at P_s = 0.5 W
    assertThat(out.sensingS()).isEqualTo(2 * 0.5);
    assertThat(out.energyJ()).isCloseTo(
        0.5 * 2 * 0.5 + Units.dbmToWatts(23) * out.commS() + cpu.energyJ(flops), within(1e-15));
    assertThat(out.wallDelayS()).isCloseTo((2 * 0.5 + out.computeS() + out.commS()) * 0.01, within(1e-15));
    assertThat(emulator.energyUsedJ()).isEqualTo(out.energyJ());
  }

  /**
   * The accounting the BS models for a command of N samples (bs-service Fetcher: N windows,
   * N·m·T^s raw bits): the device reports the same, for N > 1 too (it used to charge one window and
   * split m·T^s over the N samples, 1/N of the BS's figure).
   */
  @Test
  void offloadOfNSamplesSensesNWindowsAndSendsNTimesTheWindowsBits() {
    SensingService sensing = TestDevices.sensing(emulator);
    List<String> ids = List.of("syn-train-000000", "syn-train-000001", "syn-valid-000001");
    SenseOutcome out = sensing.execute(request(ProcessingMode.OFFLOAD, ids, 1e6));

    double m = emulator.spec().sensingRateBps();
    double windowBits = io.isacemu.core.sensing.SensingWindow.selected(m, 0.5).dataBits();
    assertThat(out.status()).isEqualTo(SenseStatus.OK);
    assertThat(out.samples()).hasSize(3);
    assertThat(out.sensingS()).isEqualTo(3 * 0.5);
    assertThat(out.bitsSent()).isEqualTo(Math.round(3 * windowBits));
    double rate = sensing.rateBps(3, 180e3, emulator.channelNow().channelGainLinear());
    assertThat(out.commS()).isCloseTo(out.bitsSent() / rate, within(1e-12));
    assertThat(out.energyJ()).isCloseTo(emulator.spec().sensingPowerW() * 3 * 0.5
        + Units.dbmToWatts(23) * out.commS(), within(1e-12));
  }

  @Test
  void localWithoutAnEncoderIsRefusedHonestly() {
    SensingService sensing = TestDevices.sensing(emulator);

    SenseOutcome out = sensing.execute(request(ProcessingMode.LOCAL, List.of("syn-train-000000"), 100));

    assertThat(out.status()).isEqualTo(SenseStatus.LOCAL_UNAVAILABLE);
    assertThat(out.errorMessage()).isEqualTo("local processing unavailable: no encoder loaded");
    assertThat(out.samples()).isEmpty();
    assertThat(emulator.energyUsedJ()).isZero();
  }

  @Test
  void rateGrowsWithUnitsAndEveryRequestFieldIsChecked() {
    SensingService sensing = TestDevices.sensing(emulator);
    double h = emulator.channelNow().channelGainLinear();
    assertThat(sensing.rateBps(2, 180e3, h)).isGreaterThan(sensing.rateBps(1, 180e3, h));

    List<String> ids = List.of("syn-train-000000");
    Optional<ProcessingMode> off = Optional.of(ProcessingMode.OFFLOAD);
    List<SenseRequest> bad = List.of(
        new SenseRequest("", 1, ids, 0.5, 3, 180e3, off, 1, 0),
        new SenseRequest("t", 0, ids, 0.5, 3, 180e3, off, 1, 0),
        new SenseRequest("t", 1, List.of(), 0.5, 3, 180e3, off, 1, 0),
        new SenseRequest("t", 1, ids, Double.NaN, 3, 180e3, off, 1, 0),
        new SenseRequest("t", 1, ids, 0.5, 3, 0, off, 1, 0),
        new SenseRequest("t", 1, ids, 0.5, 3, 180e3, off, 0, 0),
        new SenseRequest("t", 1, ids, 0.5, 3, 180e3, off, 1, -1));
    assertThat(bad).allSatisfy(r ->
        assertThat(sensing.validate(r)).hasValueSatisfying(o ->
            assertThat(o.status()).isEqualTo(SenseStatus.INVALID_COMMAND)));
    assertThat(sensing.validate(new SenseRequest("t", 1, ids, 0.5, 3, 180e3, off, 1, 0))).isEmpty();
  }
}
