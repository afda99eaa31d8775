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
 * [both|labels|full|video|audio|text]} (default {@code both}: labels-only first, then full). {@code
 * labels} alone shows the labels-only read fits a small {@code -Xmx}; a modality is what one
 * device process reads ({@link PickleDatasetReader#readModality}), printed with that modality's
 * float32 payload for the ratio.
 */
public final class LabelsOnlyMemoryBenchmark {

  private LabelsOnlyMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].matches("both|labels|full|video|audio|text"))) {
      System.err.println("usage: LabelsOnlyMemoryBenchmark FILE [both|labels|full|video|audio|text]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String mode = args.length == 2 ? args[1] : "both";
    double mib = 1 << 20;
    System.out.printf(Locale.ROOT, "file=%s fileBytes=%d (%.1f MiB) maxHeap=%.1fMiB%n", file, Files.size(file),
        Files.size(file) / mib, Runtime.getRuntime().maxMemory() / mib);
    if (mode.matches("video|audio|text")) {
      io.isacemu.core.modality.Modality modality = io.isacemu.core.modality.Modality.valueOf(mode.toUpperCase(Locale.ROOT));
      HeapProbe.Measurement<MultimodalDataset> m =
          HeapProbe.measure(() -> PickleDatasetReader.readModality(file, ReadOptions.defaults(), modality));
      MultimodalDataset d = m.value();
      long payload = 0;
      for (var split : java.util.List.of(d.train(), d.valid(), d.test())) {
        payload += 4L * split.size() * split.sequenceLength(modality) * split.featureDim(modality);
      }
      print(mode + "-only", m, d.train().size() + d.valid().size() + d.test().size(), d.fingerprint());
      System.out.printf(Locale.ROOT, "modalityPayload=%.1fMiB sampledPeak/payload=%.3f%n", payload / mib,
          m.sampledAboveBaseline() / (double) payload);
      return;
    }
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
