package io.isacemu.results.samples;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 CSV: CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled. */
public final class Csv {

  private Csv() {}

  /** {@code field} quoted if it must be. */
  public static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /** Writes one record and its CRLF. */
  public static void row(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(fields.get(i)));
    }
    out.write("\r\n");
  }

  /** A double as {@link Double#toString} (exact round trip, '.' decimal point); empty for NaN. */
  public static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
