package io.isacemu.results.summary;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.results.stats.ConfidenceInterval;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One row of the summary: one sweep point × one serving mode.
 *
 * @param point the sweep point's 0-based index
 * @param axisValues the point's axis values (key path → value as written), in axis order
 * @param mode the serving mode, or {@link Summaries#ALL_MODES} for a point that failed as a whole
 *     before any sample
 * @param incompleteReason empty iff the row is complete; otherwise why it is not (a failed point, a
 *     missing replication, failed samples)
 * @param replications how many replications contributed served samples, {@code ≥ 0}
 * @param served served samples over all replications, {@code ≥ 0}
 * @param failed failed samples over all replications, {@code ≥ 0}
 * @param metrics each defined metric's 95 % interval (Student-t over replications, or bootstrap over
 *     the samples of the one replication); an undefined metric is absent
 * @param expertShares expert → share of the served samples it served, in [0, 1], by expert name
 */
public record SummaryRow(
    int point,
    Map<String, String> axisValues,
    String mode,
    Optional<String> incompleteReason,
    int replications,
    int served,
    int failed,
    Map<Metric, ConfidenceInterval> metrics,
    Map<String, Double> expertShares) {

  public SummaryRow {
    Check.nonNegative("point", point);
    axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(Check.present("axisValues", axisValues)));
    Check.present("mode", mode);
    if (mode.isBlank()) {
      throw InvalidFieldException.rejected("mode", mode, "must not be blank");
    }
    Check.present("incompleteReason", incompleteReason);
    Check.nonNegative("replications", replications);
    Check.nonNegative("served", served);
    Check.nonNegative("failed", failed);
    Check.present("metrics", metrics);
    metrics = Collections.unmodifiableMap(metrics.isEmpty() ? new EnumMap<>(Metric.class) : new EnumMap<>(metrics));
    Check.present("expertShares", expertShares);
    expertShares.forEach((k, v) -> Check.inRange("expertShares[" + k + "]", v, 0, 1));
    expertShares = Collections.unmodifiableMap(new TreeMap<>(expertShares));
  }

  /** True iff nothing is missing from this row. */
  public boolean complete() {
    return incompleteReason.isEmpty();
  }

  /** The interval of {@code metric}; empty when undefined for this row. */
  public Optional<ConfidenceInterval> metric(Metric metric) {
    return Optional.ofNullable(metrics.get(metric));
  }
}
