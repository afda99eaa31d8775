package io.isacemu.training.job;

import io.isacemu.training.engine.ResultRow;
import java.util.Map;
import java.util.TreeMap;

/** Renders a results table as RFC 4180 CSV (header line, then one line per row). */
final class ResultsCsv {

  static final String HEADER =
      "name,lambda,acc2HasZero,acc2NonZero,f1,acc7,mae,corr,expectedLatencySeconds,"
          + "expectedEnergyJ,expectedBits,expectedFlops,expertShares";

  private ResultsCsv() {}

  static String render(JobResults results) {
    StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
    for (ResultRow r : results.rows()) {
      sb.append(quote(r.name())).append(',');
      sb.append(r.lambda().map(ResultsCsv::num).orElse("")).append(',');
      for (double v :
          new double[] {
            r.acc2HasZero(), r.acc2NonZero(), r.f1(), r.acc7(), r.mae(), r.corr(),
            r.expectedLatencySeconds(), r.expectedEnergyJ(), r.expectedBits(), r.expectedFlops()
          }) {
        sb.append(num(v)).append(',');
      }
      StringBuilder shares = new StringBuilder();
      for (Map.Entry<String, Double> e : new TreeMap<>(r.expertShares()).entrySet()) {
        if (shares.length() > 0) {
          shares.append(';');
        }
        shares.append(e.getKey()).append('=').append(num(e.getValue()));
      }
      sb.append(quote(shares.toString())).append("\r\n");
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
