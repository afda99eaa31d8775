package io.isacemu.bs.cell;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.task.SpectrumLedger;
import io.isacemu.bs.task.TaskService;
import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.support.ConflictException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The cell the BS schedules in, changeable at run time between tasks (a scenario's sweep point).
 *
 * <p>The band {@code B}, the unit {@code B_min}, the noise figure and {@code M} are changeable. The
 * last three are shared with the devices (they compute SNRs and rates with them, and the BS refuses
 * a Register that disagrees): the caller retunes the devices after the cell (device-service {@code
 * PUT /api/radio}), and they re-register with the new values; until then the BS keeps scheduling
 * the already-attached sessions. The path-loss model runs on the devices. A change is refused with
 * 409 while tasks are in flight, and swapped in the {@link SpectrumLedger} as one immutable band
 * once no round holds units.
 */
@Service
public class CellSettings {

  /** Largest {@code B}, Hz (as the scenario file's {@code cell.bandwidthHz}). */
  public static final double MAX_BANDWIDTH_HZ = 1e10;

  /** How long a change waits for rounds to release their units. */
  static final Duration SWAP_WAIT = Duration.ofSeconds(10);

  private final CellRadio current;
  private final SpectrumLedger ledger;
  private final TaskService tasks;
  private final LongSupplier nanos;

  @Autowired
  public CellSettings(CellRadio radio, SpectrumLedger ledger, TaskService tasks) {
    this(radio, ledger, tasks, System::nanoTime);
  }

  CellSettings(CellRadio radio, SpectrumLedger ledger, TaskService tasks, LongSupplier nanos) {
    this.current = radio;
    this.ledger = ledger;
    this.tasks = tasks;
    this.nanos = nanos;
  }

  /** The settings in force. */
  public RadioSettings current() {
    return current.current();
  }

  /**
   * Applies a change; an absent field keeps its value.
   *
   * @throws InvalidFieldException naming the field and the value (400)
   * @throws ConflictException while tasks are in flight or rounds hold units (409)
   */
  public synchronized RadioSettings update(Optional<Double> bandwidthHz, Optional<Double> unitBandwidthHz,
      Optional<Double> noiseFigureDb, Optional<Integer> bsAntennas) throws InterruptedException {
    RadioSettings now = current.current();
    double unit = unitBandwidthHz.orElse(now.unitBandwidthHz());
    if (!Double.isFinite(unit) || unit <= 0) {
      throw new InvalidFieldException("unitBandwidthHz", unit, "must be finite and > 0");
    }
    double nf = noiseFigureDb.orElse(now.noiseFigureDb());
    if (!(nf >= 0 && nf <= 30)) {
      throw new InvalidFieldException("noiseFigureDb", nf, "must be in [0, 30] dB");
    }
    int m = bsAntennas.orElse(now.bsAntennas());
    if (m < 1 || m > 1024) {
      throw new InvalidFieldException("bsAntennas", m, "must be in [1, 1024]");
    }
    double b = bandwidthHz.orElse(now.totalBandwidthHz());
    if (!Double.isFinite(b) || b < unit || b > MAX_BANDWIDTH_HZ) {
      throw new InvalidFieldException("bandwidthHz", b, "must be finite, >= unitBandwidthHz "
          + unit + " and <= " + MAX_BANDWIDTH_HZ);
    }
    RadioSettings next = new RadioSettings(b, unit, nf, m);
    if (next.equals(now)) {
      return now;
    }
    int inFlight = tasks.inFlight();
    if (inFlight > 0) {
      throw new ConflictException("cell: " + inFlight + " tasks in flight; the cell changes between tasks only");
    }
    if (!ledger.swap(next.spectrum(), SWAP_WAIT.toNanos(), nanos)) {
      throw new ConflictException("cell: rounds still held units after " + SWAP_WAIT.toSeconds() + " s");
    }
    current.set(next);
    return next;
  }
}
