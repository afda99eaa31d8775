package io.isacemu.bs.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.spectrum.Spectrum;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The band is swapped whole, and only once no round holds units: a round never plans on one band and releases on another. */
class SpectrumLedgerSwapTest {

  @Test
  void aSwapWaitsForHeldUnitsAndThenReplacesTheBand() throws Exception {
    SpectrumLedger ledger = new SpectrumLedger(Spectrum.reference());
    ledger.reserve(Map.of("d-1", 5));
    assertThat(ledger.swap(new Spectrum(1.4e6, 180e3), 20_000_000L, System::nanoTime)).as("units held").isFalse();
    assertThat(ledger.spectrum().totalUnits()).isEqualTo(111);
    Thread releaser = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ledger.release(Map.of("d-1", 5));
    });
    releaser.start();
    assertThat(ledger.swap(new Spectrum(1.4e6, 180e3), 5_000_000_000L, System::nanoTime)).isTrue();
    releaser.join();
    assertThat(ledger.spectrum().totalUnits()).isEqualTo(7);
    assertThat(ledger.free()).isEqualTo(7);
  }
}
