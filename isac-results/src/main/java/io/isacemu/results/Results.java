package io.isacemu.results;

import io.isacemu.core.validation.Check;
import io.isacemu.results.plots.ChartFiles;
import io.isacemu.results.plots.Charts;
import io.isacemu.results.plots.PlotData;
import io.isacemu.results.plots.SweepData;
import io.isacemu.results.plots.TradeoffData;
import io.isacemu.results.report.Figure;
import io.isacemu.results.report.ReportHtml;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.samples.SamplesCsv;
import io.isacemu.results.summary.Metric;
import io.isacemu.results.summary.PointFailure;
import io.isacemu.results.summary.Summaries;
import io.isacemu.results.summary.SummaryCsv;
import io.isacemu.results.summary.SummaryJson;
import io.isacemu.results.summary.SummaryRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * Writes one run's results directory:
 *
 * <pre>
 * samples.csv, summary.csv, summary.json, report.html,
 * plots/&lt;name&gt;.png and plots/&lt;name&gt;.svg
 * </pre>
 *
 * Plots: accuracy (Acc-2 non-zero) versus energy, latency and bits (with a λ axis: one chart each,
 * the dynamic mode as a curve over λ; without: one chart each for the first {@value #MAX_POINT_CHARTS}
 * points); each numeric sweep axis versus Acc-2, mean latency and energy; the latency CDF per mode of
 * the first {@value #MAX_POINT_CHARTS} points.
 *
 * @param summaries how rows are summarized (replications expected, bootstrap seed, level)
 * @param dynamicMode the dynamic-fusion mode drawn as the λ curve, e.g. {@code on-demand}
 * @param lambdaAxis the sweep axis that carries λ, e.g. {@code training.deployLambda}
 * @param width chart width, px
 * @param height chart height, px
 */
public record Results(Summaries summaries, String dynamicMode, String lambdaAxis, int width, int height) {

  /** Per-point charts are drawn for at most this many points. */
  public static final int MAX_POINT_CHARTS = 3;

  private static final List<Metric> COSTS = List.of(Metric.ENERGY, Metric.LATENCY_MEAN, Metric.BITS);
  private static final List<Metric> SWEEP_METRICS = List.of(Metric.ACC2_NON0, Metric.LATENCY_MEAN, Metric.ENERGY);

  public Results {
    Check.present("summaries", summaries);
    Check.present("dynamicMode", dynamicMode);
    Check.present("lambdaAxis", lambdaAxis);
    Check.positive("width", width);
    Check.positive("height", height);
  }

  /** {@code on-demand} over {@code training.deployLambda}, 800 × 500 px. */
  public static Results defaults(Summaries summaries) {
    return new Results(summaries, "on-demand", "training.deployLambda", 800, 500);
  }

  /** Writes everything into {@code dir} (created if absent); returns the summary rows. */
  public List<SummaryRow> write(Path dir, String title, String scenarioText, List<SampleRecord> samples,
      List<PointFailure> failures) throws IOException {
    Path plots = Files.createDirectories(dir.resolve("plots"));
    SamplesCsv.write(dir.resolve("samples.csv"), samples);
    List<SummaryRow> rows = summaries.summarize(samples, failures);
    SummaryCsv.write(dir.resolve("summary.csv"), rows);
    SummaryJson.write(dir.resolve("summary.json"), rows, summaries.level());
    List<Figure> figures = new ArrayList<>();
    for (Figured f : charts(rows, samples)) {
      ChartFiles.write(f.chart(), plots, f.name(), width, height);
      figures.add(new Figure(f.name(), f.chart().getTitle().getText(), ChartFiles.png(f.chart(), width, height)));
    }
    Files.writeString(dir.resolve("report.html"), ReportHtml.render(title, rows, figures, scenarioText),
        StandardCharsets.UTF_8);
    return rows;
  }

  private record Figured(String name, JFreeChart chart) {}

  private List<Figured> charts(List<SummaryRow> rows, List<SampleRecord> samples) {
    List<Figured> out = new ArrayList<>();
    Set<String> axes = new LinkedHashSet<>();
    rows.forEach(r -> axes.addAll(r.axisValues().keySet()));
    Set<Integer> points = new LinkedHashSet<>();
    rows.stream().filter(SummaryRow::complete).forEach(r -> points.add(r.point()));
    List<Integer> first = points.stream().limit(MAX_POINT_CHARTS).toList();
    for (Metric cost : COSTS) {
      if (axes.contains(lambdaAxis)) {
        TradeoffData d = PlotData.tradeoff(rows, cost, Metric.ACC2_NON0, dynamicMode, Optional.of(lambdaAxis));
        out.add(new Figured("tradeoff-" + cost.column(), Charts.tradeoff(d)));
      } else {
        for (int p : first) {
          List<SummaryRow> one = rows.stream().filter(r -> r.point() == p).toList();
          TradeoffData d = PlotData.tradeoff(one, cost, Metric.ACC2_NON0, dynamicMode, Optional.empty());
          out.add(new Figured("tradeoff-" + cost.column() + "-p" + p, Charts.tradeoff(d)));
        }
      }
    }
    int a = 0;
    for (String axis : axes) {
      for (Metric m : SWEEP_METRICS) {
        Optional<SweepData> d = PlotData.sweep(rows, axis, m);
        int k = a;
        d.ifPresent(s -> out.add(new Figured("sweep-a" + k + "-" + m.column(), Charts.sweep(s))));
      }
      a++;
    }
    for (int p : first) {
      Map<String, double[]> lat = PlotData.latencies(samples, p);
      if (!lat.isEmpty()) {
        out.add(new Figured("latency-cdf-p" + p, Charts.latencyCdf("latency CDF, point " + p, lat)));
      }
    }
    return out;
  }
}
