package io.isacemu.results.plots;

import io.isacemu.core.validation.Check;
import io.isacemu.results.stats.ConfidenceInterval;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep axis versus a metric, one line with a CI band per mode.
 *
 * @param title the chart title
 * @param axisLabel the x-axis label with its unit, e.g. {@code cell.bandwidthHz (Hz)}
 * @param metricLabel the y-axis label with its unit
 * @param series mode → its points in x order (legend order = map order)
 */
public record SweepData(String title, String axisLabel, String metricLabel, Map<String, List<Band>> series) {

  /**
   * One point with its interval.
   *
   * @param x the axis value, finite
   * @param ci the metric's interval at {@code x}
   */
  public record Band(double x, ConfidenceInterval ci) {
    public Band {
      Check.finite("x", x);
      Check.present("ci", ci);
    }
  }

  public SweepData {
    Check.present("title", title);
    Check.present("axisLabel", axisLabel);
    Check.present("metricLabel", metricLabel);
    Map<String, List<Band>> copy = new LinkedHashMap<>();
    Check.present("series", series).forEach((k, v) -> copy.put(k, List.copyOf(v)));
    series = Collections.unmodifiableMap(copy);
  }
}
