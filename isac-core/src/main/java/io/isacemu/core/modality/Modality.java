package io.isacemu.core.modality;

import java.util.Locale;

/**
 * A sensing modality of the platform.
 *
 * <p>Feature dimensions per time step follow CMU-MOSEI as distributed by MultiBench/MulT:
 * video (Facet) 35, audio (COVAREP) 74, text (GloVe) 300.
 */
public enum Modality {
  /** Video: facial features, 35 per step. Typical raw rate 2–9 Mbit/s (H.264 720p–1080p). */
  VIDEO("V", 35),
  /** Audio: acoustic features, 74 per step. Typical raw rate 64–160 kbit/s. */
  AUDIO("A", 74),
  /** Text: word embeddings, 300 per step. Raw rate of the order of bits/s. */
  TEXT("T", 300);

  private final String symbol;
  private final int moseiFeatureDim;

  Modality(String symbol, int moseiFeatureDim) {
    this.symbol = symbol;
    this.moseiFeatureDim = moseiFeatureDim;
  }

  /** One-letter symbol used in expert names such as {@code V+A+T}. */
  public String symbol() {
    return symbol;
  }

  /** Feature dimension per time step in CMU-MOSEI (35, 74 or 300). */
  public int moseiFeatureDim() {
    return moseiFeatureDim;
  }

  /**
   * Parses a modality from its symbol ({@code V}, {@code A}, {@code T}) or its name, case-insensitive.
   *
   * @throws IllegalArgumentException naming the value when it is not a known modality
   */
  public static Modality parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("modality must not be null");
    }
    String v = value.trim().toUpperCase(Locale.ROOT);
    for (Modality m : values()) {
      if (m.symbol.equals(v) || m.name().equals(v) || (m == VIDEO && v.equals("VISION"))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "modality: unknown value '" + value + "' (expected one of V, A, T, VIDEO, AUDIO, TEXT)");
  }
}
