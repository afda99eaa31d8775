package io.isacemu.data.bench;

import io.isacemu.data.DatasetSummary;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.pickle.PickleDatasetReader;
import io.isacemu.data.pickle.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads one pickle labels-only (what the BS does, {@link PickleDatasetReader#readSummary}) and in
 * full (what devices and training do, {@link PickleDatasetReader#read}) in one JVM, and prints for
 * each the peak heap above a baseline taken after a GC ({@link HeapProbe}), and whether both gave
 * the same fingerprint.
 *
 * <p>Usage: {@code java -Xmx1950m -cp ... io.isacemu.data.bench.LabelsOnlyMemoryBenchmark FILE
 * [both|labels|full]} (default {@code both}: labels-only first, then full). {@code labels} alone
 * shows the labels-only read fits a small {@code -Xmx}.
 */
public final class LabelsOnlyMemoryBenchmark {

  private LabelsOnlyMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].matches("both|labels|full"))) {
      System.err.println("usage: LabelsOnlyMemoryBenchmark FILE [both|labels|full]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String mode = args.length == 2 ? args[1] : "both";
    double mib = 1 << 20;
    System.out.printf(Locale.ROOT, "file=%s fileBytes=%d (%.1f MiB) maxHeap=%.1fMiB%n", file, Files.size(file),
        Files.size(file) / mib, Runtime.getRuntime().maxMemory() / mib);
    String labelsFingerprint = null;
    if (!mode.equals("full")) {
      HeapProbe.Measurement<DatasetSummary> m =
          HeapProbe.measure(() -> PickleDatasetReader.readSummary(file, ReadOptions.defaults()));
      DatasetSummary d = m.value();
      print("labels-only", m, d.train().size() + d.valid().size() + d.test().size(), d.fingerprint());
      labelsFingerprint = d.fingerprint();
    }
    if (!mode.equals("labels")) {
      HeapProbe.Measurement<MultimodalDataset> m =
          HeapProbe.measure(() -> PickleDatasetReader.read(file, ReadOptions.defaults()));
      MultimodalDataset d = m.value();
      print("full", m, d.train().size() + d.valid().size() + d.test().size(), d.fingerprint());
      if (labelsFingerprint != null) {
        System.out.println("sameFingerprint=" + labelsFingerprint.equals(d.fingerprint()));
      }
    }
  }

  private static void print(String mode, HeapProbe.Measurement<?> m, int samples, String fingerprint) {
    double mib = 1 << 20;
    System.out.printf(
        Locale.ROOT,
        "mode=%s samples=%d seconds=%.1f baseline=%.1fMiB sampledPeakAboveBaseline=%.1fMiB"
            + " poolPeaksAboveBaseline=%.1fMiB retained=%.1fMiB fingerprint=%s%n",
        mode, samples, m.seconds(), m.baseline() / mib, m.sampledAboveBaseline() / mib,
        m.poolPeaksAboveBaseline() / mib, m.retained() / mib, fingerprint);
  }
}
