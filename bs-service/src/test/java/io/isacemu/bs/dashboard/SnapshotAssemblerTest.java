package io.isacemu.bs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceStatus;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.SpectrumLedger;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.spectrum.Spectrum;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server-side aggregation: a capped device list, counts and an SNR histogram over every device. */
class SnapshotAssemblerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aThousandDevicesAreCappedAtFullDetailButCountedInFull() {
    List<DeviceView> views = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      DeviceStatus s = i < 10 ? DeviceStatus.LOST : i < 13 ? DeviceStatus.QUARANTINED : DeviceStatus.LIVE;
      views.add(device(String.format("d-%04d", i), s, i % 2 == 0 ? Optional.of(-20.0 + i % 70) : Optional.empty()));
    }
    DashboardSnapshot s = assembler(views, 200).assemble();
    assertThat(s.devices().total()).isEqualTo(1000);
    assertThat(s.devices().shown()).hasSize(200).allMatch(d -> d.status() == DeviceStatus.LIVE);
    assertThat(s.devices().byStatus()).containsEntry("LIVE", 987).containsEntry("LOST", 10)
        .containsEntry("QUARANTINED", 3);
    assertThat(s.devices().snrHistogram().stream().mapToInt(DashboardSnapshot.Bin::count).sum()).isEqualTo(500);
    assertThat(s.spectrum().freeUnits()).isEqualTo(s.spectrum().totalUnits()).isEqualTo(100);
    assertThat(s.model()).isEmpty();
  }

  @Test
  void binEdgesAreHalfOpen() {
    double[] edges = {0, 1, 2};
    assertThat(SnapshotAssembler.bin(edges, -0.5)).isZero();
    assertThat(SnapshotAssembler.bin(edges, 0)).isEqualTo(1);
    assertThat(SnapshotAssembler.bin(edges, 1.999)).isEqualTo(2);
    assertThat(SnapshotAssembler.bin(edges, 2)).isEqualTo(3);
  }

  @Test
  void aCapBelowOneIsRefusedNamingIt() {
    assertThatThrownBy(() -> assembler(List.of(), 0)).hasMessageContaining("maxDevices");
  }

  private static SnapshotAssembler assembler(List<DeviceView> views, int maxDevices) {
    SnapshotSources sources = new SnapshotSources(() -> views, new SpectrumLedger(new Spectrum(20e6, 200e3)), List::of,
        () -> 0, () -> 0, () -> 0, new ModelHolder(), List::of);
    return new SnapshotAssembler(sources, Clock.fixed(T0, ZoneOffset.UTC), 200, maxDevices);
  }

  private static DeviceView device(String id, DeviceStatus s, Optional<Double> snrDb) {
    return new DeviceView(id, "s", Modality.TEXT, s, 100, 23, 1e9, 8, 300, 20, T0, T0, Optional.empty(), snrDb, 0, 0,
        0, Optional.empty(), 0, 0);
  }
}
