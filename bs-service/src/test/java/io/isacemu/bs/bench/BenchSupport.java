package io.isacemu.bs.bench;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared bits of the benchmark mains: argument parsing, quiet logging, histogram rows. */
final class BenchSupport {

  private BenchSupport() {}

  /** {@code args[i]} as an int, or {@code fallback} when absent. */
  static int intArg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  /** {@code args[i]} as a double, or {@code fallback} when absent. */
  static double doubleArg(String[] args, int i, double fallback) {
    return args.length > i ? Double.parseDouble(args[i]) : fallback;
  }

  /**
   * Root logger at WARN: without a logback config on the test classpath logback logs DEBUG, and
   * per-device INFO lines (1000 attaches) would measure the console, not the BS.
   */
  static void quietLogging() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(Level.WARN);
    }
  }

  /** A histogram of nanoseconds up to one hour, 3 significant digits. */
  static Histogram nanosHistogram() {
    return new Histogram(3_600_000_000_000L, 3);
  }

  /** {@code | name | n | p50 | p99 | max |} in microseconds from a nanosecond histogram. */
  static String microsRow(String name, Histogram h) {
    return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |", name, h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
  }

  /** {@code | name | n | p50 | p99 | max |} in milliseconds from a nanosecond histogram. */
  static String millisRow(String name, Histogram h) {
    return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |", name, h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
  }

  /** The machine as the benchmark saw it: cores and the 1-minute load average. */
  static String machine() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return String.format(Locale.ROOT, "%d cores, load average (1 min) %.2f, %s %s, JVM max heap %d MiB",
        os.getAvailableProcessors(), os.getSystemLoadAverage(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
  }
}
