package io.isacemu.data;

import io.isacemu.core.modality.Modality;
import java.util.Map;

/**
 * What loading a dataset found and changed. Nothing is changed silently: every replaced value and
 * dropped sample is counted here.
 *
 * @param negativeInfinities per modality, {@code -inf} values replaced with 0
 * @param positiveInfinities per modality, {@code +inf} values replaced with 0 (including float64→float32 overflow)
 * @param nans per modality, NaN values replaced with 0
 * @param droppedAllZeroText samples dropped because their text was all zeros (an option)
 */
public record LoadReport(
    Map<Modality, Long> negativeInfinities,
    Map<Modality, Long> positiveInfinities,
    Map<Modality, Long> nans,
    long droppedAllZeroText) {

  public LoadReport {
    negativeInfinities = Map.copyOf(negativeInfinities);
    positiveInfinities = Map.copyOf(positiveInfinities);
    nans = Map.copyOf(nans);
    if (droppedAllZeroText < 0) {
      throw new IllegalArgumentException("droppedAllZeroText: " + droppedAllZeroText + " < 0");
    }
  }

  /** A report of a clean load. */
  public static LoadReport clean() {
    return new LoadReport(Map.of(), Map.of(), Map.of(), 0);
  }
}
