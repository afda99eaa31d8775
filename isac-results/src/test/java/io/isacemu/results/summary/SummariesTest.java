package io.isacemu.results.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.learning.metrics.SentimentMetrics;
import io.isacemu.results.Fixtures;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.stats.ConfidenceInterval;
import io.isacemu.results.stats.StudentT;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummariesTest {

  private static final List<String> MODES = List.of("fixed:T", "on-demand");

  @Test
  void threeReplicationsGiveStudentTIntervalsOfThePerReplicationMetrics() {
    List<SampleRecord> samples = Fixtures.grid(3, 30, MODES);
    List<SummaryRow> rows = Summaries.of(3, 1).summarize(samples, List.of());
    assertThat(rows).hasSize(4).allMatch(SummaryRow::complete);
    SummaryRow r = rows.get(0);
    assertThat(r.point()).isZero();
    assertThat(r.mode()).isEqualTo("fixed:T");
    assertThat(r.replications()).isEqualTo(3);
    assertThat(r.served()).isEqualTo(90);
    double[] perRep = new double[3];
    for (int rep = 0; rep < 3; rep++) {
      int k = rep;
      List<SampleRecord> one = samples.stream()
          .filter(s -> s.point() == 0 && s.mode().equals("fixed:T") && s.replication() == k).toList();
      float[] t = new float[one.size()];
      float[] p = new float[one.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = (float) one.get(i).label();
        p[i] = (float) one.get(i).prediction().getAsDouble();
      }
      perRep[rep] = SentimentMetrics.compute(t, p).acc2NonZero();
    }
    ConfidenceInterval acc = r.metric(Metric.ACC2_NON0).orElseThrow();
    assertThat(acc).isEqualTo(StudentT.interval(perRep, 0.95));
    assertThat(acc.method()).isEqualTo(ConfidenceInterval.Method.STUDENT_T);
    assertThat(r.metric(Metric.BITS).orElseThrow().mean()).isEqualTo(800.0);
    assertThat(r.expertShares().get("V+A+T")).isCloseTo(10 / 30.0, within(1e-12));
    assertThat(r.metric(Metric.LATENCY_P95).orElseThrow().mean()).isGreaterThan(r.metric(Metric.LATENCY_MEAN).orElseThrow().mean());
  }

  @Test
  void perSampleCorrectColumnsAgreeWithSentimentMetrics() {
    List<SampleRecord> one = Fixtures.grid(1, 60, List.of("fixed:T")).stream().filter(s -> s.point() == 0).toList();
    double has0 = one.stream().filter(s -> s.correctHasZero().orElseThrow()).count() / (double) one.size();
    List<SampleRecord> nonZero = one.stream().filter(s -> s.correctNonZero().isPresent()).toList();
    double non0 = nonZero.stream().filter(s -> s.correctNonZero().get()).count() / (double) nonZero.size();
    assertThat(Metric.ACC2_HAS0.of(one)).isCloseTo(has0, within(1e-12));
    assertThat(Metric.ACC2_NON0.of(one)).isCloseTo(non0, within(1e-12));
    assertThat(nonZero.size()).isLessThan(one.size());
  }

  @Test
  void oneReplicationBootstrapsOverSamplesDeterministically() {
    List<SampleRecord> samples = Fixtures.grid(1, 40, MODES);
    List<SummaryRow> a = new Summaries(1, new io.isacemu.results.stats.Bootstrap(200, 9), 0.95).summarize(samples, List.of());
    List<SummaryRow> b = new Summaries(1, new io.isacemu.results.stats.Bootstrap(200, 9), 0.95).summarize(samples, List.of());
    assertThat(a).isEqualTo(b);
    ConfidenceInterval acc7 = a.get(0).metric(Metric.ACC7).orElseThrow();
    assertThat(acc7.method()).isEqualTo(ConfidenceInterval.Method.BOOTSTRAP);
    assertThat(acc7.n()).isEqualTo(40);
    assertThat(acc7.upper()).isGreaterThan(acc7.lower());
  }

  @Test
  void failuresAreIncompleteWithTheirReasonInCsvAndJson() throws Exception {
    List<SampleRecord> samples = Fixtures.grid(2, 10, MODES).stream().filter(s -> s.point() == 0).toList();
    List<PointFailure> failures = List.of(
        new PointFailure(1, Map.of("cell.bandwidthHz", "20e6"), Optional.empty(), "training job failed: NaN loss"),
        new PointFailure(0, Map.of("cell.bandwidthHz", "10e6"), Optional.of("on-demand"), "BS timeout"));
    List<SummaryRow> rows = Summaries.of(2, 1).summarize(samples, failures);
    assertThat(rows).extracting(SummaryRow::mode).containsExactly("fixed:T", "on-demand", Summaries.ALL_MODES);
    assertThat(rows.get(0).complete()).isTrue();
    assertThat(rows.get(1).incompleteReason()).contains("mode failed: BS timeout");
    assertThat(rows.get(2).incompleteReason()).hasValueSatisfying(s -> assertThat(s)
        .contains("point failed: training job failed: NaN loss").contains("0 of 2 replications"));
    assertThat(rows.get(2).metrics()).isEmpty();

    StringWriter csv = new StringWriter();
    SummaryCsv.write(csv, rows);
    String[] lines = csv.toString().split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("point,axis.cell.bandwidthHz,mode,complete,incomplete_reason,replications,served,failed,"
        + "acc2_has0,acc2_has0_lo,acc2_has0_hi,acc2_has0_n,acc2_has0_ci,");
    assertThat(lines[0]).endsWith("share.T,share.V+A+T");
    assertThat(lines[3]).startsWith("1,20e6,all,false,point failed: training job failed: NaN loss; 0 of 2 replications,0,0,0,,,,,");

    JsonNode json = new ObjectMapper().readTree(SummaryJson.toJson(rows, 0.95));
    assertThat(json.get("rows")).hasSize(3);
    JsonNode failed = json.get("rows").get(2);
    assertThat(failed.get("complete").asBoolean()).isFalse();
    assertThat(failed.get("incompleteReason").asText()).contains("NaN loss");
    assertThat(failed.get("metrics").get("acc7").isNull()).isTrue();
    JsonNode ok = json.get("rows").get(0);
    assertThat(ok.get("metrics").get("energy_j").get("unit").asText()).isEqualTo("J");
    assertThat(ok.get("metrics").get("acc2_has0").get("method").asText()).isEqualTo("t");
  }
}
