package io.isacemu.device.emulator;

import io.isacemu.core.channel.ChannelState;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.validation.Check;

/**
 * A device's state at one emulated instant.
 *
 * @param emulatedTimeS emulated seconds since the emulator was created, {@code ≥ 0}
 * @param channel the uplink channel state at that instant (gain, LOS, speed)
 * @param position position, m
 * @param txPowerDbm transmit power {@code P_k}, dBm
 * @param snrPerUnitDb {@code P_k h_k / σ²(B_min)} at the BS over ONE bandwidth unit, before array
 *     gain, dB
 * @param cpuLoad busy fraction of {@code f_k} since the previous snapshot, in [0, 1]
 * @param energyUsedJ energy spent since the emulator was created, J, {@code ≥ 0}
 */
public record DeviceSnapshot(
    double emulatedTimeS,
    ChannelState channel,
    Position position,
    double txPowerDbm,
    double snrPerUnitDb,
    double cpuLoad,
    double energyUsedJ) {

  public DeviceSnapshot {
    Check.nonNegative("emulatedTimeS", emulatedTimeS);
    Check.present("channel", channel);
    Check.present("position", position);
    Check.finite("txPowerDbm", txPowerDbm);
    Check.finite("snrPerUnitDb", snrPerUnitDb);
    Check.inRange("cpuLoad", cpuLoad, 0, 1);
    Check.nonNegative("energyUsedJ", energyUsedJ);
  }
}
