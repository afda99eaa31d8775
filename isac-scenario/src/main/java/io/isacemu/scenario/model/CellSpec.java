package io.isacemu.scenario.model;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;

/**
 * Section {@code cell}: the band, the BS and the propagation model.
 *
 * @param bandwidthHz {@code B}, Hz, in (0, 1e10], ≥ {@code unitBandwidthHz}; default 20e6
 *     (bs-service {@code isac.bs.radio.total-bandwidth-hz})
 * @param unitBandwidthHz {@code B_min}, Hz, in (0, 1e10]; default 180e3 (one LTE resource block;
 *     {@code isac.bs.radio.unit-bandwidth-hz} and {@code isac.device.radio.unit-bandwidth-hz})
 * @param bsAntennas {@code M}, in [1, 1024]; default 4 ({@code isac.bs.radio.bs-antennas}, DemoLauncher
 *     {@code --isac.device.radio.bs-antennas=4})
 * @param radiusM cell radius, m, in (0, 5000]: random waypoints stay inside it; default 200
 *     (DemoLauncher {@code mobility.cell-radius-m=200}, {@code isac.bs.plausibility.cell-radius-m})
 * @param noiseFigureDb receiver noise figure, dB, in [0, 30]; default 9 ({@code
 *     isac.bs.radio.noise-figure-db})
 * @param pathLoss key {@code cell.pathLoss}: TR 38.901 UMi street canyon, shadowing and fading;
 *     default {@link ChannelConfig#reference()} (3.5 GHz, hBS 10 m, hUT 1.5 m, K 9 dB, shadowing
 *     and fading on — {@code isac.device.radio.shadowing/fading: true} — decorrelation 10 / 13 m,
 *     LOS correlation 50 m)
 */
public record CellSpec(
    double bandwidthHz, double unitBandwidthHz, int bsAntennas, double radiusM, double noiseFigureDb,
    ChannelConfig pathLoss) {

  /** Today's demo. */
  public static final CellSpec DEFAULTS = new CellSpec(20e6, 180e3, 4, 200, 9, ChannelConfig.reference());

  public CellSpec {
    Limits.BANDWIDTH_HZ.check("bandwidthHz", bandwidthHz);
    Limits.UNIT_BANDWIDTH_HZ.check("unitBandwidthHz", unitBandwidthHz);
    Limits.BS_ANTENNAS.check("bsAntennas", bsAntennas);
    Limits.RADIUS_M.check("radiusM", radiusM);
    Limits.NOISE_FIGURE_DB.check("noiseFigureDb", noiseFigureDb);
    Check.present("pathLoss", pathLoss);
    if (unitBandwidthHz > bandwidthHz) {
      // Spectrum would refuse it; said here with the scenario's names
      throw new InvalidFieldException("unitBandwidthHz", unitBandwidthHz,
          Range.show(unitBandwidthHz) + " must be <= cell.bandwidthHz " + Range.show(bandwidthHz));
    }
  }

  /** The BS's and devices' shared radio record. */
  public RadioSettings radio() {
    return new RadioSettings(bandwidthHz, unitBandwidthHz, noiseFigureDb, bsAntennas);
  }
}
