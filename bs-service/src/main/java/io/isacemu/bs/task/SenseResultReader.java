package io.isacemu.bs.task;

import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.isacemu.proto.RawFeatures;
import io.isacemu.proto.SampleResult;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.SenseStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a device's SenseResult defensively: only samples that were asked for, of the right shape and
 * all finite, are kept; anything else a device sends is dropped (and shows as undelivered).
 */
final class SenseResultReader {

  private final DatasetCatalog catalog;

  SenseResultReader(DatasetCatalog catalog) {
    this.catalog = catalog;
  }

  /** The well-formed raw samples of {@code r} that were asked for: {@code T_m × d_m} finite floats, row-major. */
  Map<String, float[]> raw(Modality m, SenseResult r, List<String> asked) {
    int steps = catalog.sequenceLength(m).orElseThrow();
    int dim = catalog.featureDim(m).orElseThrow();
    Set<String> askedSet = new HashSet<>(asked);
    Map<String, float[]> out = new HashMap<>();
    for (SampleResult s : r.getSamplesList()) {
      if (!askedSet.contains(s.getSampleId()) || !s.hasRaw()) {
        continue;
      }
      RawFeatures raw = s.getRaw();
      if (raw.getSteps() != steps || raw.getDim() != dim || raw.getValuesCount() != steps * dim) {
        continue;
      }
      float[] values = new float[steps * dim];
      boolean finite = true;
      for (int j = 0; j < values.length; j++) {
        values[j] = raw.getValues(j);
        finite &= Float.isFinite(values[j]);
      }
      if (finite) {
        out.put(s.getSampleId(), values);
      }
    }
    return out;
  }

  /** The well-formed encoded vectors of {@code r} that were asked for: {@code width} finite floats. */
  Map<String, float[]> encoded(SenseResult r, List<String> asked, int width) {
    Set<String> askedSet = new HashSet<>(asked);
    Map<String, float[]> out = new HashMap<>();
    for (SampleResult s : r.getSamplesList()) {
      if (!askedSet.contains(s.getSampleId()) || !s.hasEncoded() || s.getEncoded().getValuesCount() != width) {
        continue;
      }
      float[] values = new float[width];
      boolean finite = true;
      for (int j = 0; j < width; j++) {
        values[j] = s.getEncoded().getValues(j);
        finite &= Float.isFinite(values[j]);
      }
      if (finite) {
        out.put(s.getSampleId(), values);
      }
    }
    return out;
  }

  /** The status without its prefix, and the device's message: {@code OK}, {@code LOCAL_UNAVAILABLE: …}. */
  static String outcome(SenseResult r) {
    return r.getStatus().name().replace("SENSE_STATUS_", "")
        + (r.getErrorMessage().isEmpty() ? "" : ": " + r.getErrorMessage());
  }

  /**
   * Whether a LOCAL command was refused before sensing: LOCAL_UNAVAILABLE, or INVALID_COMMAND with no
   * samples from a device that predates that status.
   */
  static boolean refusedLocal(SenseResult r) {
    return r.getStatus() == SenseStatus.SENSE_STATUS_LOCAL_UNAVAILABLE
        || (r.getStatus() == SenseStatus.SENSE_STATUS_INVALID_COMMAND && r.getSamplesCount() == 0);
  }

  /** A device's reported figure when finite, else 0: a device may send anything. */
  static double finiteOrZero(double value) {
    return Double.isFinite(value) ? value : 0;
  }
}
