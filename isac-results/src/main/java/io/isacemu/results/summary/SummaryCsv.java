package io.isacemu.results.summary;

import io.isacemu.results.samples.Csv;
import io.isacemu.results.stats.ConfidenceInterval;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code summary.csv} (UTF-8, RFC 4180): {@code point, axis.<key>…, mode, complete,
 * incomplete_reason, replications, served, failed}, then per {@link Metric} {@code <m>, <m>_lo,
 * <m>_hi, <m>_n, <m>_ci} (mean, bounds, values the interval is over, method), then {@code
 * share.<expert>…}. An undefined metric leaves its five cells empty.
 */
public final class SummaryCsv {

  private SummaryCsv() {}

  /** Writes {@code rows} to {@code file} (created or replaced). */
  public static void write(Path file, List<SummaryRow> rows) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(w, rows);
    }
  }

  /** Writes the header and {@code rows} to {@code out}. */
  public static void write(Writer out, List<SummaryRow> rows) throws IOException {
    Set<String> axes = new LinkedHashSet<>();
    Set<String> experts = new TreeSet<>();
    rows.forEach(r -> {
      axes.addAll(r.axisValues().keySet());
      experts.addAll(r.expertShares().keySet());
    });
    List<String> header = new ArrayList<>(List.of("point"));
    axes.forEach(a -> header.add("axis." + a));
    header.addAll(List.of("mode", "complete", "incomplete_reason", "replications", "served", "failed"));
    for (Metric m : Metric.values()) {
      String c = m.column();
      header.addAll(List.of(c, c + "_lo", c + "_hi", c + "_n", c + "_ci"));
    }
    experts.forEach(e -> header.add("share." + e));
    Csv.row(out, header);
    for (SummaryRow r : rows) {
      List<String> f = new ArrayList<>();
      f.add(Integer.toString(r.point()));
      axes.forEach(a -> f.add(r.axisValues().getOrDefault(a, "")));
      f.add(r.mode());
      f.add(Boolean.toString(r.complete()));
      f.add(r.incompleteReason().orElse(""));
      f.add(Integer.toString(r.replications()));
      f.add(Integer.toString(r.served()));
      f.add(Integer.toString(r.failed()));
      for (Metric m : Metric.values()) {
        Optional<ConfidenceInterval> ci = r.metric(m);
        f.add(ci.map(c -> Csv.num(c.mean())).orElse(""));
        f.add(ci.map(c -> Csv.num(c.lower())).orElse(""));
        f.add(ci.map(c -> Csv.num(c.upper())).orElse(""));
        f.add(ci.map(c -> Integer.toString(c.n())).orElse(""));
        f.add(ci.map(c -> method(c.method())).orElse(""));
      }
      experts.forEach(e -> f.add(r.expertShares().containsKey(e) ? Csv.num(r.expertShares().get(e)) : ""));
      Csv.row(out, f);
    }
  }

  /** {@code t}, {@code bootstrap} or {@code point}. */
  static String method(ConfidenceInterval.Method m) {
    return switch (m) {
      case STUDENT_T -> "t";
      case BOOTSTRAP -> "bootstrap";
      case POINT -> "point";
    };
  }
}
