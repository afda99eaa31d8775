package io.isacemu.results.report;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;

/**
 * A rendered chart for the report.
 *
 * @param name the file stem, e.g. {@code tradeoff-energy_j-p0}; letters, digits, {@code . _ -}
 * @param caption the caption under the image
 * @param png the PNG bytes, non-empty (inlined as a base64 data URI)
 */
public record Figure(String name, String caption, byte[] png) {

  public Figure {
    Check.present("name", name);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw InvalidFieldException.rejected("name", name, "must be letters, digits, '.', '_' or '-'");
    }
    Check.present("caption", caption);
    Check.present("png", png);
    if (png.length == 0) {
      throw InvalidFieldException.rejected("png", "0 bytes", "must not be empty");
    }
    png = png.clone();
  }

  @Override
  public byte[] png() {
    return png.clone();
  }
}
