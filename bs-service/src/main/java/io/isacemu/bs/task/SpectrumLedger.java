package io.isacemu.bs.task;

import io.isacemu.core.spectrum.Spectrum;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Units currently allocated to devices by running fetch rounds, so concurrent tasks share the
 * band: {@code Σ_k b_k ≤ U} (eq. 4) holds across tasks. Thread-safe.
 */
public final class SpectrumLedger {

  /** Replaced whole by {@link #swap} (under this); volatile so that readers never wait on a round's planning. */
  private volatile Spectrum spectrum;
  private final Map<String, Integer> units = new HashMap<>();

  public SpectrumLedger(Spectrum spectrum) {
    this.spectrum = spectrum;
  }

  /** The band. */
  public Spectrum spectrum() {
    return spectrum;
  }

  /**
   * Replaces the band once no round holds units, waiting at most {@code timeoutNanos} on {@code
   * ticker}: a round is planned and released on one band, never on two.
   *
   * @return whether the band was replaced (false: rounds still held units at the timeout)
   */
  public synchronized boolean swap(Spectrum next, long timeoutNanos, LongSupplier ticker) throws InterruptedException {
    long end = ticker.getAsLong() + timeoutNanos;
    while (!units.isEmpty()) {
      long left = end - ticker.getAsLong();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    spectrum = next;
    notifyAll();
    return true;
  }

  /** Units not allocated, in [0, U]. */
  public synchronized int free() {
    return spectrum.totalUnits() - units.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Current units per device id (devices with none omitted), sorted by id. */
  public synchronized Map<String, Integer> allocation() {
    return new TreeMap<>(units);
  }

  /**
   * Adds {@code grant} to the allocation.
   *
   * @throws IllegalStateException when it would exceed U
   */
  synchronized void reserve(Map<String, Integer> grant) {
    int sum = grant.values().stream().mapToInt(Integer::intValue).sum();
    if (sum > free()) {
      throw new IllegalStateException("units: " + sum + " requested, " + free() + " free");
    }
    grant.forEach((id, u) -> units.merge(id, u, Integer::sum));
  }

  /** Returns {@code grant} to the pool. */
  synchronized void release(Map<String, Integer> grant) {
    grant.forEach((id, u) -> units.computeIfPresent(id, (k, v) -> v - u > 0 ? v - u : null));
    notifyAll();
  }

  /**
   * Waits until at least {@code n} units are free (other rounds release theirs), at most {@code
   * timeoutNanos} on {@code ticker}; then, still holding the ledger so that no other round takes
   * them meanwhile, asks {@code plan} for a plan within the free units and reserves its grant.
   *
   * @param plan given the free units, a plan (a schedule)
   * @param grantOf the units per device id a plan takes (empty: nothing to reserve)
   * @return the plan, its grant reserved; empty when fewer than {@code n} units came free in time
   */
  synchronized <T> Optional<T> reserveWhenFree(int n, long timeoutNanos, LongSupplier ticker,
      IntFunction<T> plan, Function<T, Map<String, Integer>> grantOf) throws InterruptedException {
    long end = ticker.getAsLong() + timeoutNanos;
    while (free() < n) {
      long left = end - ticker.getAsLong();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    T planned = plan.apply(free());
    reserve(grantOf.apply(planned));
    return Optional.of(planned);
  }
}
