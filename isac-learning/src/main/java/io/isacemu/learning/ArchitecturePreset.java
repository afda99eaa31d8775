package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.nn.EncoderSpec;
import io.isacemu.learning.nn.ExpertNetworkSpec;
import io.isacemu.learning.nn.GateSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sizes of the experts and the gate.
 *
 * <p>An expert over {@code S} has, per modality {@code m ∈ S}, a 1×1 Conv1d {@code d_m → width(m)},
 * {@code layers} post-LN transformer encoder layers with {@code heads} heads and FFN hidden {@code
 * ffnMultiplier·width(m)}, masked mean pooling; the pooled vectors are concatenated and fed to an MLP
 * with hidden layer(s) {@code unimodalMlpHidden} (|S| = 1) or {@code multimodalMlpHidden} (|S| > 1).
 *
 * @param name preset name ({@code mosei-reference}, {@code demo}, or a custom name)
 * @param expertWidth per modality the encoder width {@code d}, each ≥ 1 and divisible by {@code heads}
 * @param layers encoder layers per modality, ≥ 1
 * @param heads attention heads, ≥ 1
 * @param ffnMultiplier FFN hidden size as a multiple of the width, ≥ 1
 * @param unimodalMlpHidden hidden sizes of a unimodal expert's MLP, each ≥ 1 (may be empty)
 * @param multimodalMlpHidden hidden sizes of a fusion expert's MLP, each ≥ 1 (may be empty)
 * @param gateWidth gate encoder width, ≥ 1, divisible by {@code gateHeads}
 * @param gateLayers gate encoder layers, ≥ 1
 * @param gateHeads gate attention heads, ≥ 1
 * @param gateFfnHidden gate FFN hidden size, ≥ 1
 * @param dropout dropout probability in [0, 1) after attention and FFN (training only)
 */
public record ArchitecturePreset(
    String name,
    Map<Modality, Integer> expertWidth,
    int layers,
    int heads,
    int ffnMultiplier,
    List<Integer> unimodalMlpHidden,
    List<Integer> multimodalMlpHidden,
    int gateWidth,
    int gateLayers,
    int gateHeads,
    int gateFfnHidden,
    double dropout) {

  /** Name of the reference preset (MulT-style sizes on CMU-MOSEI). */
  public static final String MOSEI_REFERENCE = "mosei-reference";
  /** Name of the small preset that trains in seconds to minutes on 2 cores. */
  public static final String DEMO = "demo";

  public ArchitecturePreset {
    Check.present("name", name);
    Check.present("expertWidth", expertWidth);
    Check.positive("layers", layers);
    Check.positive("heads", heads);
    Check.positive("ffnMultiplier", ffnMultiplier);
    Check.positive("gateWidth", gateWidth);
    Check.positive("gateLayers", gateLayers);
    Check.positive("gateHeads", gateHeads);
    Check.positive("gateFfnHidden", gateFfnHidden);
    Check.inRange("dropout", dropout, 0, 0.999);
    if (expertWidth.size() != Modality.values().length) {
      throw new IllegalArgumentException("expertWidth: " + expertWidth + " must give every modality");
    }
    for (Map.Entry<Modality, Integer> e : expertWidth.entrySet()) {
      Check.positive("expertWidth[" + e.getKey().symbol() + "]", e.getValue());
      if (e.getValue() % heads != 0) {
        throw new IllegalArgumentException(
            "expertWidth[" + e.getKey().symbol() + "]: " + e.getValue() + " is not divisible by heads " + heads);
      }
    }
    if (gateWidth % gateHeads != 0) {
      throw new IllegalArgumentException("gateWidth: " + gateWidth + " is not divisible by gateHeads " + gateHeads);
    }
    unimodalMlpHidden = List.copyOf(unimodalMlpHidden);
    multimodalMlpHidden = List.copyOf(multimodalMlpHidden);
    unimodalMlpHidden.forEach(h -> Check.positive("unimodalMlpHidden", h));
    multimodalMlpHidden.forEach(h -> Check.positive("multimodalMlpHidden", h));
    expertWidth = Map.copyOf(new EnumMap<>(expertWidth));
  }

  /**
   * {@code mosei-reference}: text expert = Transformer(300→120) + MLP(120, 64, 1); V+A+T expert =
   * Transformer(35→60), (74→120), (300→120), concat 300, MLP(300, 128, 1); 5 layers, 5 heads, FFN 4·d.
   * Gate: width 64, 1 layer, 2 heads, FFN hidden 512 (our reading of "hidden 512, 2 heads").
   */
  public static ArchitecturePreset moseiReference() {
    return new ArchitecturePreset(
        MOSEI_REFERENCE,
        Map.of(Modality.VIDEO, 60, Modality.AUDIO, 120, Modality.TEXT, 120),
        5, 5, 4, List.of(64), List.of(128), 64, 1, 2, 512, 0.1);
  }

  /** {@code demo}: width 32 everywhere, 1 layer, 2 heads, FFN 2·d; gate width 16, 1 layer, 2 heads. */
  public static ArchitecturePreset demo() {
    return new ArchitecturePreset(
        DEMO,
        Map.of(Modality.VIDEO, 32, Modality.AUDIO, 32, Modality.TEXT, 32),
        1, 2, 2, List.of(32), List.of(32), 16, 1, 2, 32, 0.0);
  }

  /**
   * The preset called {@code name}.
   *
   * @throws IllegalArgumentException naming the value when the preset is unknown
   */
  public static ArchitecturePreset byName(String name) {
    if (MOSEI_REFERENCE.equals(name)) {
      return moseiReference();
    }
    if (DEMO.equals(name)) {
      return demo();
    }
    throw new IllegalArgumentException(
        "preset: unknown value '" + name + "' (expected " + MOSEI_REFERENCE + " or " + DEMO + ")");
  }

  /** The expert over {@code set} for inputs with the given feature dimensions. */
  public ExpertNetworkSpec expert(ModalitySet set, Map<Modality, Integer> featureDims) {
    List<EncoderSpec> encoders = new ArrayList<>();
    for (Modality m : set.modalities()) {
      int w = expertWidth.get(m);
      encoders.add(new EncoderSpec(m, dim(featureDims, m), w, layers, heads, ffnMultiplier * w));
    }
    return new ExpertNetworkSpec(set, encoders, set.size() == 1 ? unimodalMlpHidden : multimodalMlpHidden, dropout);
  }

  /** The gate over {@code inputs} (+ {@code extraDim} dense features) choosing among {@code experts}. */
  public GateSpec gate(ModalitySet inputs, Map<Modality, Integer> featureDims, int extraDim, int experts) {
    List<EncoderSpec> encoders = new ArrayList<>();
    for (Modality m : inputs.modalities()) {
      encoders.add(new EncoderSpec(m, dim(featureDims, m), gateWidth, gateLayers, gateHeads, gateFfnHidden));
    }
    return new GateSpec(inputs, encoders, extraDim, experts, dropout);
  }

  private static int dim(Map<Modality, Integer> featureDims, Modality m) {
    Integer d = featureDims.get(m);
    if (d == null) {
      throw new IllegalArgumentException("featureDims: no dimension for modality " + m);
    }
    return Objects.requireNonNull(d);
  }
}
