package io.isacemu.learning;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Locale;

/** What the gate reads (DESIGN: gate inputs, two modes); the one vocabulary of training, bundles and the BS. */
public enum GateMode {
  /** The gate reads every modality: all are sensed and sent; only MEC compute is saved. */
  FULL("full"),
  /** The gate reads the cheap modalities plus network state; expensive ones are fetched on demand. */
  ON_DEMAND("on-demand");

  private final String wireName;

  GateMode(String wireName) {
    this.wireName = wireName;
  }

  /** {@code full} or {@code on-demand}. */
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name, case-insensitive; the error names the field and value. */
  public static GateMode parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (GateMode m : values()) {
      if (m.wireName.equals(v)) {
        return m;
      }
    }
    throw new InvalidFieldException(
        "gateMode", value, "unknown value '" + value + "' (expected full or on-demand)");
  }
}
