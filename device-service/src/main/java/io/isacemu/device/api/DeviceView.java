package io.isacemu.device.api;

import io.isacemu.device.config.DeviceFleet;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.MobilitySpec;

/**
 * One device as the fleet API shows it: its full spec (as {@code POST /api/devices} takes it) and
 * its state. The channel is not stepped to answer (a read must not change an emulated trace).
 *
 * @param id device id
 * @param modality {@code video}, {@code audio} or {@code text}
 * @param sensingRateBps {@code m_k}, bit/s
 * @param txPowerDbm {@code P_k}, dBm
 * @param cpuHz {@code f_k}, Hz
 * @param flopsPerCycle FLOPs per cycle
 * @param kappa {@code κ}, J·s²/cycle³
 * @param sensingPowerW sensor power while sensing, W
 * @param xM start x, m (BS at the origin)
 * @param yM start y, m
 * @param distanceM start distance from the BS, m
 * @param mobility how it moves
 * @param index platform device index (its seeded channel and mobility stream)
 * @param link link state ({@code ATTACHED} once the BS accepted its Register)
 * @param session the BS's session id, empty when not attached
 * @param busy whether a command is in flight
 * @param platformSeed seed of its current trace
 * @param emulatedTimeS its emulated time, s
 * @param energyUsedJ energy spent since it was created, J
 */
record DeviceView(String id, String modality, double sensingRateBps, double txPowerDbm, double cpuHz,
    double flopsPerCycle, double kappa, double sensingPowerW, double xM, double yM, double distanceM,
    MobilityView mobility, int index, String link, String session, boolean busy, long platformSeed,
    double emulatedTimeS, double energyUsedJ) {

  /**
   * @param type {@code static} or {@code random-waypoint}
   * @param minSpeedMps lowest leg speed, m/s (0 when static)
   * @param maxSpeedMps highest leg speed, m/s (0 when static)
   * @param pauseS pause at each waypoint, s (0 when static)
   * @param cellRadiusM radius of the waypoint disc, m (0 when static)
   */
  record MobilityView(String type, double minSpeedMps, double maxSpeedMps, double pauseS, double cellRadiusM) {}

  static DeviceView of(DeviceFleet.Member m) {
    DeviceEmulator e = m.agent().emulator();
    DeviceSpec s = e.spec();
    MobilityView mob;
    double x;
    double y;
    if (s.mobility() instanceof MobilitySpec.Waypoint w) {
      var p = w.parameters();
      mob = new MobilityView("random-waypoint", p.minSpeedMps(), p.maxSpeedMps(), p.pauseSeconds(), p.cellRadiusM());
      x = w.start().xM();
      y = w.start().yM();
    } else {
      MobilitySpec.Fixed f = (MobilitySpec.Fixed) s.mobility();
      mob = new MobilityView("static", 0, 0, 0, 0);
      x = f.position().xM();
      y = f.position().yM();
    }
    return new DeviceView(s.deviceId(), s.modality().name().toLowerCase(java.util.Locale.ROOT), s.sensingRateBps(),
        s.txPowerDbm(), s.processor().cpuHz(), s.processor().flopsPerCycle(), s.processor().kappa(),
        s.sensingPowerW(), x, y, Math.hypot(x, y), mob, m.index(), m.agent().state().name(),
        m.agent().sessionId().orElse(""), m.agent().busy(), e.platformSeed(), e.emulatedTimeS(), e.energyUsedJ());
  }
}
