package io.isacemu.data.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the heap one action needs: after a GC, the heap in use is the baseline; while the
 * action runs, total heap use is sampled every 2 ms, and the heap pools' peak usage is read at the
 * end (their sum is an upper bound, as pools peak at different times); after another GC, what is
 * still in use is the retained heap.
 */
public final class HeapProbe {

  private HeapProbe() {}

  /** An action that returns a result (kept reachable until the retained heap is measured). */
  @FunctionalInterface
  public interface Action<T> {
    T run() throws Exception;
  }

  /**
   * One measurement, bytes.
   *
   * @param value the action's result
   * @param seconds wall time of the action
   * @param baseline heap in use before, after a GC
   * @param sampledPeak largest sampled heap use during the action
   * @param poolPeaks sum of the heap pools' peak usage during the action
   * @param retained heap in use after, after a GC, minus the baseline
   */
  public record Measurement<T>(T value, double seconds, long baseline, long sampledPeak, long poolPeaks, long retained) {

    public long sampledAboveBaseline() {
      return sampledPeak - baseline;
    }

    public long poolPeaksAboveBaseline() {
      return poolPeaks - baseline;
    }
  }

  public static <T> Measurement<T> measure(Action<T> action) throws Exception {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    System.gc();
    long baseline = usedHeap(pools);
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    AtomicLong sampledPeak = new AtomicLong(baseline);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(usedHeap(pools), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    T value = action.run();
    long t1 = System.nanoTime();
    sampler.interrupt();
    sampler.join();
    long poolPeaks = 0;
    for (MemoryPoolMXBean p : pools) {
      if (p.getType() == MemoryType.HEAP) {
        poolPeaks += p.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long retained = usedHeap(pools) - baseline;
    return new Measurement<>(value, (t1 - t0) / 1e9, baseline, sampledPeak.get(), poolPeaks, retained);
  }

  public static long usedHeap(List<MemoryPoolMXBean> pools) {
    long used = 0;
    for (MemoryPoolMXBean p : pools) {
      if (p.getType() == MemoryType.HEAP) {
        used += p.getUsage().getUsed();
      }
    }
    return used;
  }
}
