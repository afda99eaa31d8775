package io.isacemu.results.plots;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.results.stats.ConfidenceInterval;
import io.isacemu.results.summary.Metric;
import io.isacemu.results.summary.SummaryRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlotDataTest {

  private static SummaryRow row(int point, String lambda, String mode, double energy, double acc, boolean complete) {
    return new SummaryRow(point, Map.of("training.deployLambda", lambda), mode,
        complete ? Optional.empty() : Optional.of("point failed: x"), 1, 10, 0,
        Map.of(Metric.ENERGY, ConfidenceInterval.point(energy, 0.95), Metric.ACC2_NON0, ConfidenceInterval.point(acc, 0.95)),
        Map.of());
  }

  @Test
  void lambdaCurveInLambdaOrderFixedFromTheFirstPointRandomLineAndOracle() {
    List<SummaryRow> rows = List.of(
        row(0, "1", "fixed:T", 0.2, 0.70, true), row(0, "1", "fixed:V+A+T", 1.4, 0.80, true),
        row(0, "1", "on-demand", 0.3, 0.72, true), row(0, "1", "oracle", 0.4, 0.9, true),
        row(0, "1", "full", 0.9, 0.78, true), row(1, "0", "full", 0.8, 0.77, true),
        row(1, "0", "fixed:T", 0.2, 0.70, true), row(1, "0", "on-demand", 1.2, 0.79, true),
        row(2, "0.5", "on-demand", 0.6, 0.76, true), row(3, "0.7", "on-demand", 0.5, 0.99, false));
    TradeoffData d = PlotData.tradeoff(rows, Metric.ENERGY, Metric.ACC2_NON0, "on-demand", Optional.of("training.deployLambda"));
    assertThat(d.fixedExperts()).extracting(XyPoint::label).containsExactly("T", "V+A+T");
    assertThat(d.dynamic()).extracting(XyPoint::label).containsExactly("λ=0", "λ=0.5", "λ=1");
    assertThat(d.randomFrom()).map(XyPoint::label).contains("T");
    assertThat(d.randomTo()).map(XyPoint::label).contains("V+A+T");
    assertThat(d.oracle()).hasSize(1);
    // the other gate of the fixed experts' point, as a labelled point
    assertThat(d.otherModes()).extracting(XyPoint::label).containsExactly("full");
    assertThat(d.otherModes()).extracting(XyPoint::x).containsExactly(0.9);
    assertThat(d.costAxis()).isEqualTo("energy_j (J)");
  }

  @Test
  void sweepOmitsIncompleteRowsAndSaysSo() {
    List<SummaryRow> rows = List.of(row(0, "0", "on-demand", 1, 0.7, true), row(1, "0.5", "on-demand", 1, 0.8, true),
        row(2, "1", "on-demand", 1, 0.99, false));
    SweepData d = PlotData.sweep(rows, "training.deployLambda", Metric.ACC2_NON0).orElseThrow();
    assertThat(d.series().get("on-demand")).extracting(SweepData.Band::x).containsExactly(0.0, 0.5);
    assertThat(d.title()).contains("1 incomplete rows omitted");
    assertThat(PlotData.sweep(List.of(row(0, "auto", "on-demand", 1, 0.7, true)), "training.deployLambda",
        Metric.ACC2_NON0)).isEmpty();
  }
}
