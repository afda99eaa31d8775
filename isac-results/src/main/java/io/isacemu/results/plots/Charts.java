package io.isacemu.results.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The platform's charts (JFreeChart). Build them here, write them with {@link ChartFiles}. Colours
 * are fixed per series index so the same data always renders the same image.
 */
public final class Charts {

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };

  private Charts() {}

  /** Accuracy (y) versus a cost (x): fixed experts, the λ curve, the random-routing line, oracle and other modes' points. */
  public static JFreeChart tradeoff(TradeoffData d) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    for (XyPoint p : d.fixedExperts()) {
      add(data, r, series("fixed " + p.label(), List.of(p)), false, true);
    }
    if (!d.dynamic().isEmpty()) {
      add(data, r, series(d.dynamicLabel(), d.dynamic()), true, true);
    }
    if (d.randomFrom().isPresent()) {
      XyPoint a = d.randomFrom().get();
      XyPoint b = d.randomTo().orElseThrow();
      int i = add(data, r, series("random " + a.label() + "↔" + b.label(), List.of(a, b)), true, false);
      r.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }
    for (XyPoint p : d.oracle()) {
      add(data, r, series("oracle " + p.label(), List.of(p)), false, true);
    }
    for (XyPoint p : d.otherModes()) {
      add(data, r, series(p.label(), List.of(p)), false, true);
    }
    return chart(d.title(), d.costAxis(), d.accuracyAxis(), data, r);
  }

  /** A sweep axis (x) versus a metric (y), a line per mode with its CI band. */
  public static JFreeChart sweep(SweepData d) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer r = new DeviationRenderer(true, true);
    int i = 0;
    for (Map.Entry<String, List<SweepData.Band>> e : d.series().entrySet()) {
      YIntervalSeries s = new YIntervalSeries(e.getKey(), false, true);
      e.getValue().forEach(b -> s.add(b.x(), b.ci().mean(), b.ci().lower(), b.ci().upper()));
      data.addSeries(s);
      Color c = PALETTE[i % PALETTE.length];
      r.setSeriesPaint(i, c);
      r.setSeriesFillPaint(i, c);
      i++;
    }
    r.setAlpha(0.2f);
    return chart(d.title(), d.axisLabel(), d.metricLabel(), data, r);
  }

  /**
   * The empirical CDF of latency per mode.
   *
   * @param latencies mode → latencies in s (any order; legend order = map order)
   */
  public static JFreeChart latencyCdf(String title, Map<String, double[]> latencies) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer r = new XYStepRenderer();
    int i = 0;
    for (Map.Entry<String, double[]> e : latencies.entrySet()) {
      double[] sorted = e.getValue().clone();
      Arrays.sort(sorted);
      XYSeries s = new XYSeries(e.getKey(), false, true);
      if (sorted.length > 0) {
        s.add(sorted[0], 0.0);
      }
      for (int k = 0; k < sorted.length; k++) {
        s.add(sorted[k], (k + 1) / (double) sorted.length);
      }
      data.addSeries(s);
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      i++;
    }
    JFreeChart chart = chart(title, "modelled end-to-end latency (s)", "P(latency ≤ x)", data, r);
    ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 1.02);
    return chart;
  }

  private static XYSeries series(String key, List<XyPoint> points) {
    XYSeries s = new XYSeries(key, false, true);
    points.forEach(p -> s.add(p.x(), p.y()));
    return s;
  }

  private static int add(XYSeriesCollection data, XYLineAndShapeRenderer r, XYSeries s, boolean lines, boolean shapes) {
    int i = data.getSeriesCount();
    data.addSeries(s);
    r.setSeriesLinesVisible(i, lines);
    r.setSeriesShapesVisible(i, shapes);
    r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    return i;
  }

  private static JFreeChart chart(String title, String x, String y, org.jfree.data.xy.XYDataset data,
      org.jfree.chart.renderer.xy.XYItemRenderer r) {
    NumberAxis xAxis = new NumberAxis(x);
    xAxis.setAutoRangeIncludesZero(false);
    NumberAxis yAxis = new NumberAxis(y);
    yAxis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    return chart;
  }
}
