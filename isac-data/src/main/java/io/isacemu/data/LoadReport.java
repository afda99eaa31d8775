package io.isacemu.data;

import io.isacemu.core.modality.Modality;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What loading a dataset found and changed. Nothing is changed silently: every replaced value and
 * dropped sample is counted here.
 *
 * @param negativeInfinities per modality, {@code -inf} values replaced with 0
 * @param positiveInfinities per modality, {@code +inf} values replaced with 0 (including float64→float32 overflow)
 * @param nans per modality, NaN values replaced with 0
 * @param droppedAllZeroText samples dropped because their text was all zeros (an option)
 * @param clippedLabels labels outside [−3, 3] clipped to it (an option; without it they refuse the file)
 */
public record LoadReport(
    Map<Modality, Long> negativeInfinities,
    Map<Modality, Long> positiveInfinities,
    Map<Modality, Long> nans,
    long droppedAllZeroText,
    long clippedLabels) {

  public LoadReport {
    negativeInfinities = ordered("negativeInfinities", negativeInfinities);
    positiveInfinities = ordered("positiveInfinities", positiveInfinities);
    nans = ordered("nans", nans);
    if (droppedAllZeroText < 0) {
      throw new IllegalArgumentException("droppedAllZeroText: " + droppedAllZeroText + " < 0");
    }
    if (clippedLabels < 0) {
      throw new IllegalArgumentException("clippedLabels: " + clippedLabels + " < 0");
    }
  }

  /** Immutable copy in modality order (so printing is deterministic); counts must be ≥ 0. */
  private static Map<Modality, Long> ordered(String field, Map<Modality, Long> counts) {
    if (counts == null) {
      throw new IllegalArgumentException(field + ": is required (was null)");
    }
    EnumMap<Modality, Long> copy = new EnumMap<>(Modality.class);
    counts.forEach(
        (m, v) -> {
          if (m == null || v == null || v < 0) {
            throw new IllegalArgumentException(field + ": invalid entry " + m + "=" + v);
          }
          copy.put(m, v);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Total replaced values of modality {@code m} (−inf, +inf and NaN). */
  public long replaced(Modality m) {
    return negativeInfinities.getOrDefault(m, 0L)
        + positiveInfinities.getOrDefault(m, 0L)
        + nans.getOrDefault(m, 0L);
  }

  /** A report of a clean load. */
  public static LoadReport clean() {
    return new LoadReport(Map.of(), Map.of(), Map.of(), 0, 0);
  }
}
