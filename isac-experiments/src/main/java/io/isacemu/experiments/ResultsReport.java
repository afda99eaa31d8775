package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.results.Results;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.summary.Summaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's per-sample records and their summary, written by isac-results: {@code samples.csv},
 * {@code summary.csv}/{@code .json} (95 % CIs: one replication, so a seeded bootstrap over samples),
 * {@code plots/} and {@code report.html} in the output directory.
 */
public final class ResultsReport {

  /** Bootstrap seed: same run ⇒ same intervals. */
  static final long BOOTSTRAP_SEED = 1;

  private final RunLog log;

  public ResultsReport(RunLog log) {
    this.log = log;
  }

  /** {@code description}: the report's text (the run's options). */
  public void write(Path out, String description, Map<String, List<JsonNode>> tasks, Map<String, Double> expertFlops)
      throws IOException {
    List<SampleRecord> samples = new ArrayList<>();
    tasks.forEach((mode, t) -> samples.addAll(SampleRecords.of(mode, t, expertFlops)));
    Results.defaults(Summaries.of(1, BOOTSTRAP_SEED))
        .write(out, "Table I (extended), online", description, samples, List.of());
    log.say("wrote %s (samples.csv, summary.csv, summary.json, plots/)", out.resolve("report.html"));
  }
}
