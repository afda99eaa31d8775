package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.results.Results;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.summary.Summaries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's per-sample records and their summary, written by isac-results: {@code samples.csv},
 * {@code summary.csv}/{@code .json} (95 % CIs: one replication, so a seeded bootstrap over samples),
 * {@code plots/} and {@code report.html} in the output directory.
 */
final class ResultsReport {

  /** Bootstrap seed: same run ⇒ same intervals. */
  static final long BOOTSTRAP_SEED = 1;

  private final DemoLog log;

  ResultsReport(DemoLog log) {
    this.log = log;
  }

  void write(DemoArgs args, Map<String, List<JsonNode>> tasks, Map<String, Double> expertFlops) throws IOException {
    List<SampleRecord> samples = new ArrayList<>();
    tasks.forEach((mode, t) -> samples.addAll(SampleRecords.of(mode, t, expertFlops)));
    Results.defaults(Summaries.of(1, BOOTSTRAP_SEED))
        .write(args.out(), "Table I (extended), online", args.toString(), samples, List.of());
    log.say("wrote %s (samples.csv, summary.csv, summary.json, plots/)", args.out().resolve("report.html"));
  }
}
