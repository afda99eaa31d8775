package io.isacemu.device.ops;

import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.link.LinkEvents;
import io.isacemu.device.sensing.SenseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Micrometer meters of the devices (tag {@code device}):
 *
 * <ul>
 *   <li>{@code device.reports.sent} — StateReports sent (counter)
 *   <li>{@code device.reconnects} — re-attaches scheduled (counter)
 *   <li>{@code device.commands} — sense commands answered, tag {@code status} (counter)
 *   <li>{@code device.bits.sent} — modelled bits sent over the air (counter, bits)
 *   <li>{@code device.energy.used} — energy spent since start (gauge, joules)
 * </ul>
 */
public final class DeviceMetrics implements LinkEvents {

  private final MeterRegistry registry;

  public DeviceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the energy gauge of a device. */
  public void bindEnergy(DeviceEmulator emulator) {
    Gauge.builder("device.energy.used", emulator, DeviceEmulator::energyUsedJ)
        .tag("device", emulator.spec().deviceId())
        .baseUnit("joules")
        .description("Energy spent by the device since start (sensing + transmission + local compute)")
        .register(registry);
  }

  /** Drops the energy gauge of a removed (or re-created) device, so that the next one binds afresh. */
  public void unbindEnergy(String deviceId) {
    var gauge = registry.find("device.energy.used").tag("device", deviceId).gauge();
    if (gauge != null) {
      registry.remove(gauge);
    }
  }

  @Override
  public void reportSent(String deviceId) {
    Counter.builder("device.reports.sent").tag("device", deviceId)
        .description("StateReports sent to the BS").register(registry).increment();
  }

  @Override
  public void reconnectScheduled(String deviceId, long delayMs) {
    Counter.builder("device.reconnects").tag("device", deviceId)
        .description("Re-attaches scheduled after a lost, refused or ended session")
        .register(registry).increment();
  }

  @Override
  public void commandAnswered(String deviceId, SenseStatus status, long bitsSent) {
    Counter.builder("device.commands").tag("device", deviceId)
        .tag("status", status.name().toLowerCase(Locale.ROOT))
        .description("Sense commands answered, by status").register(registry).increment();
    Counter.builder("device.bits.sent").tag("device", deviceId).baseUnit("bits")
        .description("Modelled bits sent over the air").register(registry).increment(bitsSent);
  }
}
