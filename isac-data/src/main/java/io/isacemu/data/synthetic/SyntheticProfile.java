package io.isacemu.data.synthetic;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Locale;

/**
 * A named starting point for the synthetic generator: every {@link SyntheticConfig} field an
 * unset key takes. Closed: the generator's structure is defined for these two.
 */
public enum SyntheticProfile {
  /**
   * {@link SyntheticConfig#defaults()}: made to show gating. Half of the video+audio-decisive samples
   * carry misleading text at full amplitude and the all-three group's text is as loud as a
   * text-decisive sample's, so the T expert's confidence {@code |ŷ_T|} says little about whether it
   * is right: a text-only gate (or the confidence cascade) cannot tell those samples apart.
   */
  DEFAULT,
  /**
   * {@link SyntheticConfig#paper()}: the cheap modality's confidence predicts its correctness (no
   * misleading text; where text is unsure it is faint), so a text-only gate can save sensing on the
   * text-decisive half. Shaped after the paper's Table I; it is not MOSEI.
   */
  PAPER;

  /** The profile's configuration at the defaults' seed, sizes and sequence length. */
  public SyntheticConfig config() {
    return this == PAPER ? SyntheticConfig.paper() : SyntheticConfig.defaults();
  }

  /** Name on the wire: {@code default} or {@code paper}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Case-insensitive parse of {@link #wireName()}; blank or absent is {@link #DEFAULT}; the error names the value. */
  public static SyntheticProfile parse(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    for (SyntheticProfile p : values()) {
      if (p.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new InvalidFieldException("profile", value, "unknown value '" + value + "' (expected default or paper)");
  }
}
