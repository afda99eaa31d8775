package io.isacemu.results.report;

import io.isacemu.results.stats.ConfidenceInterval;
import io.isacemu.results.summary.Metric;
import io.isacemu.results.summary.SummaryRow;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code report.html}: one self-contained page (no script, no stylesheet or image by reference, no
 * network): the summary table (incomplete rows marked and their reason shown), the expert shares, the
 * plots as base64 PNG data URIs, and the resolved scenario text. The same inputs give the same page
 * (no timestamp).
 */
public final class ReportHtml {

  private ReportHtml() {}

  private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1400px}"
      + "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}"
      + "th{background:#eee}td.t{text-align:left}tr.incomplete{background:#fde2e2}"
      + "figure{display:inline-block;margin:1em}pre{background:#f6f6f6;padding:1em;overflow:auto}";

  /**
   * The page.
   *
   * @param title the page title (e.g. the scenario file name)
   * @param rows the summary rows
   * @param figures the plots, in display order
   * @param scenarioText the resolved scenario (YAML) as run
   */
  public static String render(String title, List<SummaryRow> rows, List<Figure> figures, String scenarioText) {
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.esc(title))
        .append("</title><style>").append(STYLE).append("</style></head><body>\n");
    b.append("<h1>").append(Html.esc(title)).append("</h1>\n");
    long incomplete = rows.stream().filter(r -> !r.complete()).count();
    b.append("<p>").append(rows.size()).append(" rows (point × mode); ").append(incomplete)
        .append(" incomplete (marked, reason shown; not plotted). Intervals: 95 % Student-t over replications, "
            + "or seeded percentile bootstrap over samples when there is one replication.</p>\n");
    summaryTable(b, rows);
    sharesTable(b, rows);
    b.append("<h2>Plots</h2>\n");
    for (Figure f : figures) {
      b.append("<figure id=\"").append(Html.esc(f.name())).append("\"><img alt=\"").append(Html.esc(f.caption()))
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
          .append("\"><figcaption>").append(Html.esc(f.caption())).append("</figcaption></figure>\n");
    }
    b.append("<h2>Resolved scenario</h2>\n<pre>").append(Html.esc(scenarioText)).append("</pre>\n</body></html>\n");
    return b.toString();
  }

  /** The {@code id} of a row's {@code <tr>}: {@code row-<point>-<mode>} (mode escaped). */
  public static String rowId(SummaryRow r) {
    return "row-" + r.point() + "-" + r.mode();
  }

  private static void summaryTable(StringBuilder b, List<SummaryRow> rows) {
    Set<String> axes = new LinkedHashSet<>();
    rows.forEach(r -> axes.addAll(r.axisValues().keySet()));
    b.append("<h2>Summary</h2>\n<table id=\"summary\"><tr><th>point</th>");
    axes.forEach(a -> b.append("<th>").append(Html.esc(a)).append("</th>"));
    b.append("<th>mode</th><th>status</th><th>reps</th><th>served</th><th>failed</th>");
    for (Metric m : Metric.values()) {
      b.append("<th>").append(Html.esc(m.column())).append(m.unit().isEmpty() ? "" : " (" + Html.esc(m.unit()) + ")")
          .append("</th>");
    }
    b.append("</tr>\n");
    for (SummaryRow r : rows) {
      b.append("<tr id=\"").append(Html.esc(rowId(r))).append("\"").append(r.complete() ? "" : " class=\"incomplete\"")
          .append("><td>").append(r.point()).append("</td>");
      axes.forEach(a -> b.append("<td class=\"t\">").append(Html.esc(r.axisValues().getOrDefault(a, ""))).append("</td>"));
      b.append("<td class=\"t\">").append(Html.esc(r.mode())).append("</td><td class=\"t\">")
          .append(r.complete() ? "complete" : "INCOMPLETE: " + Html.esc(r.incompleteReason().orElseThrow()))
          .append("</td><td>").append(r.replications()).append("</td><td>").append(r.served()).append("</td><td>")
          .append(r.failed()).append("</td>");
      for (Metric m : Metric.values()) {
        b.append("<td>").append(cell(r.metric(m))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static void sharesTable(StringBuilder b, List<SummaryRow> rows) {
    Set<String> experts = new TreeSet<>();
    rows.forEach(r -> experts.addAll(r.expertShares().keySet()));
    b.append("<h2>Expert shares</h2>\n<table id=\"shares\"><tr><th>point</th><th>mode</th>");
    experts.forEach(e -> b.append("<th>").append(Html.esc(e)).append("</th>"));
    b.append("</tr>\n");
    for (SummaryRow r : rows) {
      b.append("<tr><td>").append(r.point()).append("</td><td class=\"t\">").append(Html.esc(r.mode())).append("</td>");
      experts.forEach(e -> b.append("<td>")
          .append(r.expertShares().containsKey(e) ? String.format(java.util.Locale.ROOT, "%.3f", r.expertShares().get(e)) : "")
          .append("</td>"));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static String cell(Optional<ConfidenceInterval> ci) {
    if (ci.isEmpty()) {
      return "—";
    }
    ConfidenceInterval c = ci.get();
    String mean = fmt(c.mean());
    return c.method() == ConfidenceInterval.Method.POINT ? mean
        : mean + " [" + fmt(c.lower()) + ", " + fmt(c.upper()) + "]";
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3) ? "%.3g" : "%.4f", v);
  }
}
