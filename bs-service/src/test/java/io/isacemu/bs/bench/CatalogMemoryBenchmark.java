package io.isacemu.bs.bench;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.data.DatasetSettings;
import io.isacemu.data.bench.HeapProbe;
import java.util.Locale;

/**
 * The heap the BS needs for its dataset: builds the {@link DatasetCatalog} from a pickle exactly as
 * the BS's start-up does ({@code DatasetSettings.loadSummary()}, a labels-only read, then {@code
 * DatasetCatalog.of}) and prints the peak heap above a baseline taken after a GC (isac-data's
 * {@link HeapProbe}). Issue 14's target: ≤ 256 MB above the baseline at MOSEI size.
 *
 * <p>Usage: {@code java -Xmx256m -cp "$CP" io.isacemu.bs.bench.CatalogMemoryBenchmark FILE [format]}
 * ({@code featureDims} {@code any} (default) or {@code mosei}).
 */
public final class CatalogMemoryBenchmark {

  private CatalogMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: CatalogMemoryBenchmark FILE [any|mosei]");
      System.exit(2);
    }
    DatasetSettings settings = new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null,
        null, args[0], "auto", null, null, args.length == 2 ? args[1] : "any", null, null);
    HeapProbe.Measurement<DatasetCatalog> m = HeapProbe.measure(() -> DatasetCatalog.of(settings.loadSummary()));
    double mib = 1 << 20;
    DatasetCatalog c = m.value();
    System.out.printf(Locale.ROOT,
        "| file | -Xmx | test ids | seconds | baseline | peak above baseline (sampled / pool peaks) | retained |%n"
            + "|---|---|---|---|---|---|---|%n"
            + "| %s | %.0f MiB | %d | %.1f | %.1f MiB | %.1f MiB / %.1f MiB | %.1f MiB |%n"
            + "fingerprint %s%n",
        args[0], Runtime.getRuntime().maxMemory() / mib, c.testIds().size(), m.seconds(), m.baseline() / mib,
        m.sampledAboveBaseline() / mib, m.poolPeaksAboveBaseline() / mib, m.retained() / mib, c.fingerprint());
  }
}
