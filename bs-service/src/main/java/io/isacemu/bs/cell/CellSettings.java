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
 * <p>Only the band {@code B} is changeable: the unit {@code B_min}, the noise figure and {@code M}
 * are shared with the devices (they compute SNRs and rates with them, and the BS refuses a device
 * that disagrees), so changing them needs a device retune, which does not exist yet; the path-loss
 * model runs on the devices. A change is refused with 409 while tasks are in flight, and swapped
 * in the {@link SpectrumLedger} as one immutable band once no round holds units.
 */
@Service
public class CellSettings {

  /** Largest {@code B}, Hz (as the scenario file's {@code cell.bandwidthHz}). */
  public static final double MAX_BANDWIDTH_HZ = 1e10;

  /** How long a change waits for rounds to release their units. */
  static final Duration SWAP_WAIT = Duration.ofSeconds(10);

  private final AtomicReference<RadioSettings> current;
  private final SpectrumLedger ledger;
  private final TaskService tasks;
  private final LongSupplier nanos;

  @Autowired
  public CellSettings(BsProperties properties, SpectrumLedger ledger, TaskService tasks) {
    this(properties.radio().settings(), ledger, tasks, System::nanoTime);
  }

  CellSettings(RadioSettings initial, SpectrumLedger ledger, TaskService tasks, LongSupplier nanos) {
    this.current = new AtomicReference<>(initial);
    this.ledger = ledger;
    this.tasks = tasks;
    this.nanos = nanos;
  }

  /** The settings in force. */
  public RadioSettings current() {
    return current.get();
  }

  /**
   * Applies a change; an absent field keeps its value.
   *
   * @throws InvalidFieldException naming the field and the value (400)
   * @throws ConflictException while tasks are in flight or rounds hold units (409)
   */
  public synchronized RadioSettings update(Optional<Double> bandwidthHz, Optional<Double> unitBandwidthHz,
      Optional<Double> noiseFigureDb, Optional<Integer> bsAntennas) throws InterruptedException {
    RadioSettings now = current.get();
    unchangeable("unitBandwidthHz", unitBandwidthHz, now.unitBandwidthHz());
    unchangeable("noiseFigureDb", noiseFigureDb, now.noiseFigureDb());
    unchangeable("bsAntennas", bsAntennas.map(Integer::doubleValue), now.bsAntennas());
    double b = bandwidthHz.orElse(now.totalBandwidthHz());
    if (!Double.isFinite(b) || b < now.unitBandwidthHz() || b > MAX_BANDWIDTH_HZ) {
      throw new InvalidFieldException("bandwidthHz", b, "must be finite, >= unitBandwidthHz "
          + now.unitBandwidthHz() + " and <= " + MAX_BANDWIDTH_HZ);
    }
    RadioSettings next = new RadioSettings(b, now.unitBandwidthHz(), now.noiseFigureDb(), now.bsAntennas());
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

  private static void unchangeable(String field, Optional<Double> asked, double now) {
    if (asked.isPresent() && asked.get() != now) {
      throw new InvalidFieldException(field, asked.get(), "cannot change at run time (now " + now
          + "): the devices compute SNRs and rates with it, and they have no runtime retune yet");
    }
  }
}
