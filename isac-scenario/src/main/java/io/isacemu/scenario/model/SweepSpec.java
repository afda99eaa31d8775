package io.isacemu.scenario.model;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section {@code sweep}: the axes that vary across points.
 *
 * <p>Each axis is a key path of a scalar (number, boolean or text) in the resolved scenario, e.g.
 * {@code cell.bandwidthHz} or {@code devices.video.count}, with the values it takes. Without {@code
 * zip} the axes form the cartesian grid (the first axis varies slowest); with {@code zip: true} the
 * i-th point takes the i-th value of every axis (equal lengths required). No axes: one point, the
 * scenario itself.
 *
 * @param zip pair the axes instead of crossing them; default false
 * @param maxPoints most points the sweep may expand to, in [1, 100000]; default 1000
 * @param axes key path → values (at least one each), in file order; values are {@link Long} (a whole
 *     number), {@link Double}, {@link Boolean} or {@link String}; default none
 */
public record SweepSpec(boolean zip, int maxPoints, Map<String, List<Object>> axes) {

  /** No sweep. */
  public static final SweepSpec NONE = new SweepSpec(false, 1000, Map.of());

  public SweepSpec {
    Limits.MAX_POINTS.check("maxPoints", maxPoints);
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    Check.present("axes", axes).forEach((path, values) -> {
      for (Object v : Check.present("axes." + path, values)) {
        if (!(v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String)) {
          throw new InvalidFieldException("axes." + path, v, v + " is not a scalar");
        }
      }
      copy.put(path, List.copyOf(values));
    });
    axes = Collections.unmodifiableMap(copy);
  }

  /** Points of the sweep: the product of the axis lengths (grid) or the common length (zip); 1 without axes. */
  public long pointCount() {
    if (axes.isEmpty()) {
      return 1;
    }
    if (zip) {
      return axes.values().iterator().next().size();
    }
    long n = 1;
    try {
      for (List<Object> v : axes.values()) {
        n = Math.multiplyExact(n, v.size());
      }
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // saturate: far above any maxPoints
    }
    return n;
  }
}
