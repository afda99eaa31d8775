package io.isacemu.bs.task;

import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.learning.NetworkState;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which device serves a modality: the LIVE one with the highest one-unit SNR {@code γ_1}; and the
 * network state the gate reads, from the same ranking. The one place that turns a device's
 * report into {@code γ_1}.
 */
final class DeviceSelector {

  private final DeviceRegistry registry;
  private final java.util.function.Supplier<UplinkModel> uplinkNow;

  DeviceSelector(DeviceRegistry registry, UplinkModel uplink) {
    this(registry, () -> uplink);
  }

  /** @param uplink the model in force (the cell's B_min, noise figure and M change between tasks) */
  DeviceSelector(DeviceRegistry registry, java.util.function.Supplier<UplinkModel> uplink) {
    this.registry = registry;
    this.uplinkNow = uplink;
  }

  /**
   * One-unit post-combining SNR {@code γ_1} of {@code v}, linear: eq. (5) with b = 1 from the
   * reported channel gain (tx power clamped to ±50 dBm), else {@code N_r ·} the reported SNR; 0 dB
   * before the first report.
   */
  double snrPerUnit(DeviceView v) {
    UplinkModel uplink = uplinkNow.get();
    if (v.channelGainDb().isPresent()) {
      double gain = Math.min(1.0, Units.dbToLinear(v.channelGainDb().get()));
      return uplink.snrPerUnitLinear(Math.max(-50, Math.min(50, v.txPowerDbm())), gain);
    }
    double snrDb = v.snrDb().orElse(0.0);
    return uplink.bsAntennas() * Units.dbToLinear(snrDb);
  }

  /** The LIVE device for {@code m} with the best {@code γ_1}; empty when none is LIVE. */
  Optional<DeviceView> best(Modality m) {
    return best(registry.live(m));
  }

  /** Of {@code candidates} (states at the round's time) the one with the best {@code γ_1}. */
  Optional<DeviceView> best(java.util.List<DeviceView> candidates) {
    return candidates.stream().max(Comparator.comparingDouble(this::snrPerUnit));
  }

  /**
   * The live network state in the layout training uses ({@link NetworkState}): per modality the
   * best LIVE device's {@code γ_1} in dB (absent when none), and the free fraction of the band.
   */
  NetworkState networkState(SpectrumLedger ledger) {
    return networkState(ledger, this::best);
  }

  /** As {@link #networkState(SpectrumLedger)}, the best device per modality given by {@code best}. */
  NetworkState networkState(SpectrumLedger ledger, java.util.function.Function<Modality, Optional<DeviceView>> best) {
    Map<Modality, Double> snrDb = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      best.apply(m).ifPresent(d -> snrDb.put(m, Units.linearToDb(snrPerUnit(d))));
    }
    return new NetworkState(snrDb, (double) ledger.free() / ledger.spectrum().totalUnits());
  }
}
