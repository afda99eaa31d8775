package io.isacemu.results.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.results.stats.ConfidenceInterval;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code summary.json}: {@code {"level": 0.95, "rows": [...]}}, each row {@code {point,
 * axisValues, mode, complete, incompleteReason, replications, served, failed, metrics: {<m>: {mean,
 * lower, upper, n, method, unit} | null}, expertShares}}. JSON {@code null} marks an undefined metric
 * or a complete row's absent reason; the Java model has no null.
 */
public final class SummaryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  /** Writes {@code rows} to {@code file} (created or replaced). */
  public static void write(Path file, List<SummaryRow> rows, double level) throws IOException {
    MAPPER.writeValue(file.toFile(), tree(rows, level));
  }

  /** The JSON text of {@code rows}. */
  public static String toJson(List<SummaryRow> rows, double level) throws IOException {
    return MAPPER.writeValueAsString(tree(rows, level));
  }

  static ObjectNode tree(List<SummaryRow> rows, double level) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("level", level);
    ArrayNode array = root.putArray("rows");
    for (SummaryRow r : rows) {
      ObjectNode o = array.addObject();
      o.put("point", r.point());
      ObjectNode axes = o.putObject("axisValues");
      r.axisValues().forEach(axes::put);
      o.put("mode", r.mode());
      o.put("complete", r.complete());
      o.put("incompleteReason", r.incompleteReason().orElse(null));
      o.put("replications", r.replications());
      o.put("served", r.served());
      o.put("failed", r.failed());
      ObjectNode metrics = o.putObject("metrics");
      for (Metric m : Metric.values()) {
        Optional<ConfidenceInterval> ci = r.metric(m);
        if (ci.isEmpty()) {
          metrics.putNull(m.column());
          continue;
        }
        ConfidenceInterval c = ci.get();
        ObjectNode mo = metrics.putObject(m.column());
        mo.put("mean", c.mean());
        mo.put("lower", c.lower());
        mo.put("upper", c.upper());
        mo.put("n", c.n());
        mo.put("method", SummaryCsv.method(c.method()));
        mo.put("unit", m.unit());
      }
      ObjectNode shares = o.putObject("expertShares");
      r.expertShares().forEach(shares::put);
    }
    return root;
  }
}
