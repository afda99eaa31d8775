package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table I extended: one row per gate mode, from the BS's {@code /api/summary} (the {@code *} rows,
 * aggregated over the finished tasks of the mode) plus FLOPs per sample from the expert shares and
 * the experts' analytic FLOPs reported by the training service.
 */
final class ResultTable {

  /**
   * One row.
   *
   * @param name V, A, T, V+A+T or dynamic fusion (full | on-demand)
   * @param mode the BS gate mode label
   * @param tasks finished tasks
   * @param samples served samples
   * @param acc2 binary accuracy, [0, 1]
   * @param f1 weighted binary F1, [0, 1]
   * @param meanLatencySeconds mean modelled end-to-end latency per task, emulated s
   * @param p95LatencySeconds p95 of the same
   * @param energyJ mean device energy per task, J
   * @param bits mean bits over the air per task
   * @param flops FLOPs per sample under the expert shares (gate excluded)
   * @param shares expert → share of the served samples
   */
  record Row(String name, String mode, int tasks, int samples, double acc2, double f1, double meanLatencySeconds,
      double p95LatencySeconds, double energyJ, double bits, double flops, Map<String, Double> shares) {}

  private ResultTable() {}

  /** Display name of a BS gate mode label. */
  static String displayName(String mode) {
    if (mode.startsWith("fixed:")) {
      return mode.substring("fixed:".length());
    }
    return "dynamic fusion (" + mode + ")";
  }

  /**
   * Rows in {@code modes} order from the summary's {@code *} rows.
   *
   * @param summary the BS's {@code /api/summary} array
   * @param expertFlops expert name → FLOPs per sample
   */
  static List<Row> of(JsonNode summary, List<String> modes, Map<String, Double> expertFlops) {
    Map<String, JsonNode> byMode = new LinkedHashMap<>();
    for (JsonNode r : summary) {
      if ("*".equals(r.path("expert").asText())) {
        byMode.put(r.path("mode").asText(), r);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String mode : modes) {
      JsonNode r = byMode.get(mode);
      if (r == null) {
        continue;
      }
      Map<String, Double> shares = new LinkedHashMap<>();
      double flops = 0;
      var it = r.path("expertShares").fields();
      while (it.hasNext()) {
        var e = it.next();
        shares.put(e.getKey(), e.getValue().asDouble());
        flops += e.getValue().asDouble() * expertFlops.getOrDefault(e.getKey(), Double.NaN);
      }
      rows.add(new Row(displayName(mode), mode, r.path("tasks").asInt(), r.path("samples").asInt(),
          r.path("acc2").asDouble(), r.path("f1Weighted").asDouble(), r.path("meanLatencySeconds").asDouble(),
          r.path("p95LatencySeconds").asDouble(), r.path("meanEnergyJ").asDouble(), r.path("meanBits").asDouble(),
          flops, shares));
    }
    return rows;
  }

  static String format(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-27s %6s %7s %7s %11s %11s %10s %12s %10s  %s%n", "row", "tasks", "Acc-2",
        "F1", "lat mean s", "lat p95 s", "energy mJ", "bits/task", "MFLOPs", "expert shares"));
    for (Row r : rows) {
      StringBuilder shares = new StringBuilder();
      r.shares().forEach((k, v) -> shares.append(String.format(Locale.ROOT, "%s %.0f%% ", k, 100 * v)));
      sb.append(String.format(Locale.ROOT, "%-27s %6d %7.4f %7.4f %11.4f %11.4f %10.3f %12.0f %10.2f  %s%n", r.name(),
          r.tasks(), r.acc2(), r.f1(), r.meanLatencySeconds(), r.p95LatencySeconds(), r.energyJ() * 1e3, r.bits(),
          r.flops() / 1e6, shares.toString().trim()));
    }
    return sb.toString();
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(
        "row,mode,tasks,samples,acc2,f1,meanLatencySeconds,p95LatencySeconds,energyJ,bits,flops,expertShares\n");
    for (Row r : rows) {
      StringBuilder shares = new StringBuilder();
      r.shares().forEach((k, v) -> shares.append(shares.length() == 0 ? "" : ";").append(k).append('=').append(v));
      sb.append(String.join(",", quote(r.name()), quote(r.mode()), Integer.toString(r.tasks()),
          Integer.toString(r.samples()), Double.toString(r.acc2()), Double.toString(r.f1()),
          Double.toString(r.meanLatencySeconds()), Double.toString(r.p95LatencySeconds()), Double.toString(r.energyJ()),
          Double.toString(r.bits()), Double.toString(r.flops()), quote(shares.toString()))).append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
