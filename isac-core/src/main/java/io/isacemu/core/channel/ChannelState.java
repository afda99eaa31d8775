package io.isacemu.core.channel;

import io.isacemu.core.units.Units;
import io.isacemu.core.validation.Check;

/**
 * One sample of a device's uplink channel.
 *
 * <p>{@code channelGainDb = −pathLossDb + shadowingDb + 10 log10(fadingPowerLinear)}; {@code
 * channelGainLinear} is the {@code h_k} of the rate {@code R_k = b_k B_min log2(1 + P_k h_k / σ²)}.
 * The constructor checks this identity (to 1e-9 dB and 1e-9 relative).
 *
 * @param timeSeconds time since the channel was created, s, {@code ≥ 0}
 * @param distance2dM geometric horizontal distance to the BS, m, {@code ≥ 0} (the path loss uses it
 *     clamped to ≥ 10 m)
 * @param distance3dM geometric 3D distance to the BS antenna, m, {@code ≥ distance2dM}
 * @param los whether the device is in line of sight
 * @param pathLossDb TR 38.901 UMi path loss, dB, finite
 * @param shadowingDb log-normal shadowing, dB, finite (0 when disabled)
 * @param fadingPowerLinear small-scale fading power {@code |h|²}, linear, {@code > 0} (1 when
 *     disabled)
 * @param channelGainDb total channel gain, dB, finite
 * @param channelGainLinear total channel gain {@code h_k}, linear, {@code > 0}
 * @param speedMps mean device speed over the last step, m/s, {@code ≥ 0} (the instantaneous speed in
 *     the initial state)
 * @param dopplerHz maximum Doppler shift {@code f_D = v fc / c}, Hz, {@code ≥ 0}
 */
public record ChannelState(
    double timeSeconds,
    double distance2dM,
    double distance3dM,
    boolean los,
    double pathLossDb,
    double shadowingDb,
    double fadingPowerLinear,
    double channelGainDb,
    double channelGainLinear,
    double speedMps,
    double dopplerHz) {

  private static final double TOLERANCE = 1e-9;

  public ChannelState {
    Check.nonNegative("timeSeconds", timeSeconds);
    Check.nonNegative("distance2dM", distance2dM);
    Check.nonNegative("distance3dM", distance3dM);
    if (distance3dM < distance2dM) {
      throw new IllegalArgumentException(
          "distance3dM: " + distance3dM + " is below distance2dM " + distance2dM);
    }
    Check.finite("pathLossDb", pathLossDb);
    Check.finite("shadowingDb", shadowingDb);
    Check.positive("fadingPowerLinear", fadingPowerLinear);
    Check.finite("channelGainDb", channelGainDb);
    Check.positive("channelGainLinear", channelGainLinear);
    Check.nonNegative("speedMps", speedMps);
    Check.nonNegative("dopplerHz", dopplerHz);
    double expectedDb = -pathLossDb + shadowingDb + Units.linearToDb(fadingPowerLinear);
    if (Math.abs(channelGainDb - expectedDb) > TOLERANCE * Math.max(1.0, Math.abs(expectedDb))) {
      throw new IllegalArgumentException(
          "channelGainDb: " + channelGainDb + " differs from −pathLoss + shadowing + fading = " + expectedDb);
    }
    double expectedLinear = Units.dbToLinear(channelGainDb);
    if (Math.abs(channelGainLinear - expectedLinear) > TOLERANCE * expectedLinear) {
      throw new IllegalArgumentException(
          "channelGainLinear: " + channelGainLinear + " differs from 10^(channelGainDb/10) = " + expectedLinear);
    }
  }
}
