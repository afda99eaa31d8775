package io.isacemu.results.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.results.Fixtures;
import io.isacemu.results.Results;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.summary.PointFailure;
import io.isacemu.results.summary.Summaries;
import io.isacemu.results.summary.SummaryRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {

  private static final String SCENARIO = "replications: 2\nsweep:\n  axes:\n    cell.bandwidthHz: [10e6, 20e6]\n# <tag> & co\n";

  @Test
  void selfContainedWithEveryRowPlotsAndScenario(@TempDir Path dir) throws Exception {
    List<SampleRecord> samples = Fixtures.grid(2, 12, List.of("fixed:T", "fixed:V+A+T", "fixed:A", "on-demand"));
    List<PointFailure> failures = List.of(
        new PointFailure(2, Map.of("cell.bandwidthHz", "40e6"), Optional.empty(), "training diverged"));
    List<SummaryRow> rows = new Results(Summaries.of(2, 3), "on-demand", "training.deployLambda", 400, 260)
        .write(dir, "bandwidth <sweep>", SCENARIO, samples, failures);
    String html = Files.readString(dir.resolve("report.html"));

    assertThat(html).doesNotContainPattern("(?i)https?://");
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("url(");
    assertThat(rows).hasSize(9);
    for (SummaryRow r : rows) {
      assertThat(html).contains("<tr id=\"" + ReportHtml.rowId(r).replace("+", "+") + "\"");
    }
    assertThat(html).contains("INCOMPLETE: point failed: training diverged; 0 of 2 replications");
    assertThat(html).contains("# &lt;tag&gt; &amp; co").contains("<title>bandwidth &lt;sweep&gt;</title>");
    Matcher m = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      assertThat(m.group(1)).startsWith("data:image/png;base64,");
      images++;
    }
    // 3 costs × 2 points + 3 sweep metrics × 1 axis + 2 latency CDFs
    assertThat(images).isEqualTo(11);
    try (var files = Files.list(dir.resolve("plots"))) {
      assertThat(files.count()).isEqualTo(22);
    }
    assertThat(dir.resolve("samples.csv")).exists();
    assertThat(Files.readAllLines(dir.resolve("summary.csv"))).hasSize(10);
    assertThat(dir.resolve("summary.json")).exists();
  }

  @Test
  void samePageForSameInputs(@TempDir Path a, @TempDir Path b) throws Exception {
    List<SampleRecord> samples = Fixtures.grid(1, 8, List.of("fixed:T", "on-demand"));
    Results results = new Results(Summaries.of(1, 3), "on-demand", "training.deployLambda", 300, 200);
    results.write(a, "x", SCENARIO, samples, List.of());
    results.write(b, "x", SCENARIO, samples, List.of());
    assertThat(Files.readString(a.resolve("report.html"))).isEqualTo(Files.readString(b.resolve("report.html")));
  }
}
