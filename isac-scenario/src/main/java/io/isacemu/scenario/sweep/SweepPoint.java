package io.isacemu.scenario.sweep;

import io.isacemu.core.validation.Check;
import io.isacemu.scenario.model.Scenario;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep.
 *
 * @param index 0-based position in expansion order (grid: the last axis varies fastest)
 * @param axisValues key path → the value at this point, in axis order; empty without a sweep
 * @param scenario the fully resolved scenario of this point (the axis values applied, no sweep left)
 * @param trainingFingerprint {@link TrainingFingerprint} of {@code scenario}: points that share it
 *     can share one training run
 */
public record SweepPoint(int index, Map<String, Object> axisValues, Scenario scenario, String trainingFingerprint) {

  public SweepPoint {
    Check.nonNegative("index", index);
    axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(Check.present("axisValues", axisValues)));
    Check.present("scenario", scenario);
    Check.present("trainingFingerprint", trainingFingerprint);
  }
}
