package io.isacemu.results.plots;

import io.isacemu.core.validation.Check;

/**
 * A labelled point of a chart, in the units of the chart's axes.
 *
 * @param label the legend / series label, non-null
 * @param x the x value (e.g. energy per sample in J, or λ-curve cost), finite
 * @param y the y value (e.g. Acc-2 in [0, 1]), finite
 */
public record XyPoint(String label, double x, double y) {

  public XyPoint {
    Check.present("label", label);
    Check.finite("x", x);
    Check.finite("y", y);
  }
}
