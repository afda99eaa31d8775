package io.isacemu.results.summary;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep point (or one mode of it) that did not run to the end.
 *
 * @param point the sweep point's 0-based index
 * @param axisValues the point's axis values
 * @param mode the failed mode; empty when the whole point failed
 * @param reason why, non-blank (e.g. the exception message of the training job)
 */
public record PointFailure(int point, Map<String, String> axisValues, Optional<String> mode, String reason) {

  public PointFailure {
    Check.nonNegative("point", point);
    axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(Check.present("axisValues", axisValues)));
    Check.present("mode", mode);
    Check.present("reason", reason);
    if (reason.isBlank()) {
      throw InvalidFieldException.rejected("reason", reason, "must not be blank");
    }
  }
}
