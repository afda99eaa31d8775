package io.isacemu.bs.api;

import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.SpectrumLedger;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Devices and the current bandwidth allocation. */
@RestController
@RequestMapping("/api")
class DeviceController {

  /**
   * The band and who holds which units right now.
   *
   * @param totalUnits U
   * @param freeUnits units not allocated
   * @param unitBandwidthHz B_min, Hz
   * @param devices per device its units b_k and bandwidth B_k
   */
  record Allocation(int totalUnits, int freeUnits, double unitBandwidthHz, List<DeviceUnits> devices) {}

  /** One device's share: b_k units, B_k Hz. */
  record DeviceUnits(String deviceId, int units, double bandwidthHz) {}

  private final DeviceRegistry registry;
  private final SpectrumLedger ledger;

  DeviceController(DeviceRegistry registry, SpectrumLedger ledger) {
    this.registry = registry;
    this.ledger = ledger;
  }

  @Operation(summary = "Every known device (LIVE and LOST) with its latest report")
  @GetMapping("/devices")
  List<DeviceView> devices() {
    return registry.devices();
  }

  @Operation(summary = "Current per-device bandwidth units")
  @GetMapping("/allocation")
  Allocation allocation() {
    List<DeviceUnits> units = ledger.allocation().entrySet().stream()
        .map(e -> new DeviceUnits(e.getKey(), e.getValue(), ledger.spectrum().bandwidthHz(e.getValue()))).toList();
    return new Allocation(ledger.spectrum().totalUnits(), ledger.free(), ledger.spectrum().unitBandwidthHz(), units);
  }
}
