package io.isacemu.data.pickle;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.LoadReport;
import java.util.EnumMap;

/** What one load replaced or dropped, summed over the splits: becomes the {@link LoadReport}. */
final class DirtCounts {
  final EnumMap<Modality, Long> negInf = new EnumMap<>(Modality.class);
  final EnumMap<Modality, Long> posInf = new EnumMap<>(Modality.class);
  final EnumMap<Modality, Long> nan = new EnumMap<>(Modality.class);
  long droppedAllZeroText;
  long clippedLabels;

  void add(Modality m, long negInfs, long posInfs, long nans) {
    negInf.merge(m, negInfs, Long::sum);
    posInf.merge(m, posInfs, Long::sum);
    nan.merge(m, nans, Long::sum);
  }

  LoadReport report() {
    return new LoadReport(negInf, posInf, nan, droppedAllZeroText, clippedLabels);
  }
}
