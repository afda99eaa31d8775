package io.isacemu.data.bench;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.pickle.PickleDatasetReader;
import io.isacemu.data.pickle.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads a (large) MultiBench/MMSA pickle and reports the heap it needed against its payload.
 *
 * <p>Usage: {@code java -Xmx6g -cp ... io.isacemu.data.bench.LoadMemoryBenchmark FILE}. Peak heap is
 * measured twice: sampled total heap use (every 2 ms, after a GC before the load) and the sum of
 * the heap pools' peak usage (an upper bound, as pools peak at different times), by {@link HeapProbe}. The payload is
 * the float32 size of the loaded features and labels.
 */
public final class LoadMemoryBenchmark {

  private LoadMemoryBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: LoadMemoryBenchmark FILE");
      System.exit(2);
    }
    measure(Path.of(args[0]), f -> PickleDatasetReader.read(f, ReadOptions.defaults()));
  }

  /** A loader of a dataset file. */
  @FunctionalInterface
  public interface Loader {
    MultimodalDataset load(Path file) throws IOException;
  }

  /** Loads {@code file} with {@code loader} and prints payload, load time and heap use. */
  public static void measure(Path file, Loader loader) throws IOException, InterruptedException {
    HeapProbe.Measurement<MultimodalDataset> probe;
    try {
      probe = HeapProbe.measure(() -> loader.load(file));
    } catch (IOException | InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    MultimodalDataset d = probe.value();
    long baseline = probe.baseline();
    long poolPeaks = probe.poolPeaks();
    long retained = probe.retained();
    long sampledPeak = probe.sampledPeak();
    long payload = 0;
    long samples = 0;
    for (MultimodalSplit s : new MultimodalSplit[] {d.train(), d.valid(), d.test()}) {
      samples += s.size();
      for (Modality m : s.modalities()) {
        payload += 4L * s.features(m).remaining();
      }
      payload += 4L * s.size();
    }
    double mb = 1 << 20;
    System.out.printf(
        Locale.ROOT,
        "file=%s fileBytes=%d samples=%d float32Payload=%.1fMiB loadSeconds=%.1f%n"
            + "retainedHeap=%.1fMiB (%.2fx payload) sampledPeakHeapAboveBaseline=%.1fMiB (%.2fx payload)"
            + " sumOfPoolPeaks=%.1fMiB (%.2fx payload) maxHeap=%.1fMiB%n"
            + "report=%s fingerprint=%s%n",
        file,
        Files.size(file),
        samples,
        payload / mb,
        probe.seconds(),
        retained / mb,
        retained / (double) payload,
        (sampledPeak - baseline) / mb,
        (sampledPeak - baseline) / (double) payload,
        poolPeaks / mb,
        poolPeaks / (double) payload,
        Runtime.getRuntime().maxMemory() / mb,
        d.report(),
        d.fingerprint());
  }
}
