package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.validation.Check;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The network state an on-demand gate reads, and the <b>one</b> definition of its vector layout,
 * used both by training ({@link StateCosts}) and by the BS (its task engine builds the state from
 * the device registry and the spectrum ledger).
 *
 * <p>Layout ({@link #DIM} = 4 values): for V, A, T in {@link Modality} order the one-unit
 * post-combining SNR {@code γ_1 = M P h / σ²(B_min)} (eq. 5 with {@code b = 1}) of the best device
 * of that modality, in dB, clipped to [{@value #MIN_SNR_DB}, {@value #MAX_SNR_DB}], as {@code (γ_dB
 * − }{@value #SNR_CENTRE_DB}{@code ) / }{@value #SNR_SCALE_DB}; a modality without a device counts
 * as {@value #MIN_SNR_DB} dB. Then {@code 2·f − 1} for the free fraction {@code f} of the band's
 * resource units. Centred and scaled so that typical states (10–60 dB, any load) are O(1) around 0
 * for the gate's linear layer: uncentred inputs (all positive) move every logit together with the
 * bias and made the gate flip between all-T and all-V+A+T from epoch to epoch (measured).
 *
 * @param snrPerUnitDb per modality the best device's {@code γ_1} in dB (finite); a missing modality
 *     has no device
 * @param freeFraction free units / total units of the band, in [0, 1]
 */
public record NetworkState(Map<Modality, Double> snrPerUnitDb, double freeFraction) {

  /** Length of {@link #vector()}. */
  public static final int DIM = 4;
  /** Lower SNR clip, dB; also the value of a modality without a device. */
  public static final double MIN_SNR_DB = -30;
  /** Upper SNR clip, dB. */
  public static final double MAX_SNR_DB = 70;
  /** SNR that maps to 0 in the vector, dB. */
  public static final double SNR_CENTRE_DB = 30;
  /** SNR scale of the vector, dB per unit. */
  public static final double SNR_SCALE_DB = 20;

  public NetworkState {
    Check.present("snrPerUnitDb", snrPerUnitDb);
    snrPerUnitDb.forEach((m, v) -> Check.finite("snrPerUnitDb[" + m + "]", v));
    Map<Modality, Double> copy = new EnumMap<>(Modality.class);
    copy.putAll(snrPerUnitDb);
    snrPerUnitDb = java.util.Collections.unmodifiableMap(copy);
    Check.inRange("freeFraction", freeFraction, 0, 1);
  }

  /**
   * {@code γ_1} in dB of a device: {@code M P h / σ²(B_min)} (eq. 5 with {@code b = 1}) with the gain
   * capped at 1 — how training ({@link StateCosts}) turns a drawn channel into the state; the BS
   * computes the same from a device's reported gain and transmit power.
   *
   * @param txPowerDbm {@code P}, dBm, in [−50, 50]
   * @param channelGainLinear {@code h}, linear, &gt; 0 (values above 1 count as 1)
   */
  public static double snrPerUnitDb(UplinkModel uplink, double txPowerDbm, double channelGainLinear) {
    return Units.linearToDb(uplink.snrPerUnitLinear(txPowerDbm, Math.min(1.0, channelGainLinear)));
  }

  /** The best device's {@code γ_1} in dB for {@code m}; empty when there is no device. */
  public Optional<Double> snrDb(Modality m) {
    return Optional.ofNullable(snrPerUnitDb.get(m));
  }

  /** The gate input, layout in the class comment. */
  public float[] vector() {
    float[] v = new float[DIM];
    int k = 0;
    for (Modality m : Modality.values()) {
      double db = Math.max(MIN_SNR_DB, Math.min(MAX_SNR_DB, snrDb(m).orElse(MIN_SNR_DB)));
      v[k++] = (float) ((db - SNR_CENTRE_DB) / SNR_SCALE_DB);
    }
    v[k] = (float) (2 * freeFraction - 1);
    return v;
  }

  /**
   * The gate input for a model whose gate takes {@code dim} values: {@link #vector()} when {@code dim
   * == DIM}, empty when 0.
   *
   * @throws IllegalArgumentException for any other length (a bundle from another layout)
   */
  public float[] vector(int dim) {
    if (dim == 0) {
      return new float[0];
    }
    if (dim != DIM) {
      throw new IllegalArgumentException(
          "networkStateDim: " + dim + " is not the state layout's " + DIM + " (nor 0); the bundle uses another layout");
    }
    return vector();
  }
}
