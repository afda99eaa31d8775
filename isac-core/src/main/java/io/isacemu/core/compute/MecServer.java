package io.isacemu.core.compute;

import io.isacemu.core.validation.Check;

/**
 * The mobile-edge computing server co-located with the BS.
 *
 * <pre>
 *   T^mec = FLOPs / (f_mec · flopsPerCycle)     s
 * </pre>
 *
 * <p>The MEC is mains-powered: its energy is not charged to the devices' budget.
 *
 * @param cpuHz {@code f_mec}, aggregate Hz, in (0, 1e12]; reference 10–40 GHz
 * @param flopsPerCycle FLOPs per cycle, in (0, 1024]
 */
public record MecServer(double cpuHz, double flopsPerCycle) {

  public MecServer {
    Check.inRange("cpuHz", cpuHz, Double.MIN_NORMAL, 1e12);
    Check.inRange("flopsPerCycle", flopsPerCycle, Double.MIN_NORMAL, 1024);
  }

  /** Reference: 20 GHz aggregate, 16 FLOPs/cycle. */
  public static MecServer reference() {
    return new MecServer(20e9, 16);
  }

  /** FLOP rate, FLOP/s. */
  public double flopsPerSecond() {
    return cpuHz * flopsPerCycle;
  }

  /** Time to run {@code flops} FLOPs (≥ 0), s. */
  public double seconds(double flops) {
    Check.nonNegative("flops", flops);
    return flops / flopsPerSecond();
  }
}
