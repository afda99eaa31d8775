package io.isacemu.results;

import io.isacemu.results.samples.DeviceUse;
import io.isacemu.results.samples.ProcessingPath;
import io.isacemu.results.samples.SampleCost;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.samples.SampleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/** Small fixed sample sets for the tests. */
public final class Fixtures {

  private Fixtures() {}

  /** One OK sample. */
  public static SampleRecord sample(int point, int rep, String mode, long id, double label, double pred, String expert) {
    return new SampleRecord(point, Map.of("cell.bandwidthHz", point == 0 ? "10e6" : "20e6"), rep, mode, "task-" + id,
        Long.toString(id), label, OptionalDouble.of(pred), Optional.of(expert),
        List.of(new DeviceUse("text-0", 3, ProcessingPath.OFFLOAD, 12.5)),
        new SampleCost(0.1, 0.02 + id * 1e-3, 0.01, 0.13 + id * 1e-3, 0.002, 0.5 + id * 0.01, 800, 1.5e6),
        SampleStatus.OK, Optional.empty());
  }

  /** {@code n} seeded samples per replication per mode for points 0 and 1. */
  public static List<SampleRecord> grid(int replications, int n, List<String> modes) {
    Random r = new Random(5);
    List<SampleRecord> out = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      for (int rep = 0; rep < replications; rep++) {
        for (String m : modes) {
          for (int i = 0; i < n; i++) {
            double label = Math.round((r.nextDouble() * 6 - 3) * 3) / 3.0;
            double pred = label + r.nextGaussian() * (0.6 + 0.2 * p);
            out.add(sample(p, rep, m, i, label, pred, i % 3 == 0 ? "V+A+T" : "T"));
          }
        }
      }
    }
    return out;
  }
}
