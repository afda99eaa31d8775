package io.isacemu.bs.api;

import io.isacemu.bs.cell.CellSettings;
import io.isacemu.core.uplink.RadioSettings;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cell's radio settings: read open, changed with the key between tasks ({@link CellSettings}). */
@RestController
@RequestMapping("/api/cell")
class CellController {

  /**
   * The cell in force.
   *
   * @param bandwidthHz {@code B}, Hz
   * @param unitBandwidthHz {@code B_min}, Hz
   * @param units {@code U = ⌊B / B_min⌋}
   * @param noiseFigureDb receiver noise figure, dB
   * @param bsAntennas {@code M}
   */
  record CellView(double bandwidthHz, double unitBandwidthHz, int units, double noiseFigureDb, int bsAntennas) {
    static CellView of(RadioSettings r) {
      return new CellView(r.totalBandwidthHz(), r.unitBandwidthHz(), r.spectrum().totalUnits(), r.noiseFigureDb(),
          r.bsAntennas());
    }
  }

  /** A change; an absent field keeps its value. Every field may change (between tasks). */
  record CellBody(Double bandwidthHz, Double unitBandwidthHz, Double noiseFigureDb, Integer bsAntennas) {}

  private final CellSettings cell;

  CellController(CellSettings cell) {
    this.cell = cell;
  }

  @Operation(summary = "The cell's radio settings in force")
  @GetMapping
  CellView get() {
    return CellView.of(cell.current());
  }

  @Operation(summary = "Change the band B, B_min, the noise figure or M between tasks (needs X-Api-Key; retune the devices after: device-service PUT /api/radio); 400 names the field, 409 while tasks run")
  @PutMapping
  CellView put(@RequestBody CellBody body) throws InterruptedException {
    return CellView.of(cell.update(Optional.ofNullable(body.bandwidthHz()), Optional.ofNullable(body.unitBandwidthHz()),
        Optional.ofNullable(body.noiseFigureDb()), Optional.ofNullable(body.bsAntennas())));
  }
}
