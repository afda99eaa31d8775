package io.isacemu.results.plots;

import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.samples.SampleStatus;
import io.isacemu.results.summary.Metric;
import io.isacemu.results.summary.SummaryRow;
import io.isacemu.results.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chart data from summary rows and samples. Only complete rows are plotted: an incomplete row is
 * never drawn as if it were a result (the report lists it in its table with the reason).
 */
public final class PlotData {

  /** Modes of the form {@code fixed:<experts>} are fixed experts. */
  public static final String FIXED_PREFIX = "fixed:";

  /** The mode of oracle points, if a run records one. */
  public static final String ORACLE_MODE = "oracle";

  private PlotData() {}

  /**
   * Accuracy versus {@code cost}: fixed experts from the lowest complete point that has them, the
   * {@code dynamicMode} rows as a curve ordered by {@code lambdaAxis} (or a single point without one),
   * the random-routing line between fixed {@code T} and fixed {@code V+A+T} when both are there, and
   * {@link #ORACLE_MODE} rows as oracle points, and every other mode of that point (e.g. {@code full}
   * beside an {@code on-demand} curve) as a labelled point.
   */
  public static TradeoffData tradeoff(List<SummaryRow> rows, Metric cost, Metric accuracy, String dynamicMode,
      Optional<String> lambdaAxis) {
    List<SummaryRow> ok = rows.stream().filter(SummaryRow::complete)
        .filter(r -> r.metric(cost).isPresent() && r.metric(accuracy).isPresent()).toList();
    Optional<Integer> fixedPoint = ok.stream().filter(r -> r.mode().startsWith(FIXED_PREFIX))
        .map(SummaryRow::point).min(Integer::compare);
    List<XyPoint> fixed = new ArrayList<>();
    List<XyPoint> oracle = new ArrayList<>();
    List<SummaryRow> dyn = new ArrayList<>();
    List<XyPoint> others = new ArrayList<>();
    for (SummaryRow r : ok) {
      if (r.mode().startsWith(FIXED_PREFIX) && fixedPoint.get() == r.point()) {
        fixed.add(point(r.mode().substring(FIXED_PREFIX.length()), r, cost, accuracy));
      } else if (r.mode().equals(ORACLE_MODE)) {
        oracle.add(point(ORACLE_MODE, r, cost, accuracy));
      } else if (r.mode().equals(dynamicMode)) {
        dyn.add(r);
      } else if (!r.mode().startsWith(FIXED_PREFIX) && fixedPoint.map(p -> p == r.point()).orElse(r.point() == 0)) {
        others.add(point(r.mode(), r, cost, accuracy));
      }
    }
    List<XyPoint> curve = new ArrayList<>();
    if (lambdaAxis.isPresent()) {
      String key = lambdaAxis.get();
      dyn.stream().filter(r -> numeric(r.axisValues().get(key)).isPresent())
          .sorted(Comparator.comparingDouble(r -> numeric(r.axisValues().get(key)).orElseThrow()))
          .forEach(r -> curve.add(point("λ=" + r.axisValues().get(key), r, cost, accuracy)));
    } else {
      dyn.stream().limit(1).forEach(r -> curve.add(point(dynamicMode, r, cost, accuracy)));
    }
    Optional<XyPoint> from = fixed.stream().filter(p -> p.label().equals("T")).findFirst();
    Optional<XyPoint> to = fixed.stream().filter(p -> p.label().equals("V+A+T")).findFirst();
    if (from.isEmpty() || to.isEmpty()) {
      from = Optional.empty();
      to = Optional.empty();
    }
    String costLabel = label(cost);
    return new TradeoffData(label(accuracy) + " vs " + costLabel, costLabel, label(accuracy), fixed,
        dynamicMode + (lambdaAxis.isPresent() ? " over λ" : ""), curve, from, to, oracle, others);
  }

  /**
   * {@code metric} versus the numeric sweep axis {@code axisKey}, one series per mode (and per value
   * of the other axes, if any); empty when the axis has a non-numeric value.
   */
  public static Optional<SweepData> sweep(List<SummaryRow> rows, String axisKey, Metric metric) {
    Map<String, List<SweepData.Band>> series = new LinkedHashMap<>();
    long omitted = rows.stream().filter(r -> !r.complete()).count();
    for (SummaryRow r : rows) {
      Optional<ConfidenceInterval> ci = r.metric(metric);
      if (!r.complete() || ci.isEmpty() || !r.axisValues().containsKey(axisKey)) {
        continue;
      }
      Optional<Double> x = numeric(r.axisValues().get(axisKey));
      if (x.isEmpty()) {
        return Optional.empty();
      }
      String others = r.axisValues().entrySet().stream().filter(e -> !e.getKey().equals(axisKey))
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
      String key = others.isEmpty() ? r.mode() : r.mode() + " | " + others;
      series.computeIfAbsent(key, k -> new ArrayList<>()).add(new SweepData.Band(x.get(), ci.get()));
    }
    if (series.isEmpty()) {
      return Optional.empty();
    }
    series.values().forEach(l -> l.sort(Comparator.comparingDouble(SweepData.Band::x)));
    String title = label(metric) + " vs " + axisKey + (omitted > 0 ? " (" + omitted + " incomplete rows omitted)" : "");
    return Optional.of(new SweepData(title, axisKey, label(metric), series));
  }

  /** Modelled end-to-end latencies (s) of the served samples of {@code point}, per mode in first-seen order. */
  public static Map<String, double[]> latencies(List<SampleRecord> samples, int point) {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    for (SampleRecord s : samples) {
      if (s.point() == point && s.status() != SampleStatus.FAILED) {
        m.computeIfAbsent(s.mode(), k -> new ArrayList<>()).add(s.cost().totalSeconds());
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /** The axis label of {@code m}: its column and its unit, e.g. {@code energy_j (J)}. */
  public static String label(Metric m) {
    return m.unit().isEmpty() ? m.column() : m.column() + " (" + m.unit() + ")";
  }

  private static XyPoint point(String label, SummaryRow r, Metric cost, Metric accuracy) {
    return new XyPoint(label, r.metric(cost).orElseThrow().mean(), r.metric(accuracy).orElseThrow().mean());
  }

  private static Optional<Double> numeric(String v) {
    if (v == null) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(v.trim());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
