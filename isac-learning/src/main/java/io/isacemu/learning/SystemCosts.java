package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.cost.ExpertCost;
import io.isacemu.core.cost.ExpertSpec;
import io.isacemu.core.cost.ModalityWorkload;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.scenario.ReferenceScenario;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.nn.EncoderSpec;
import io.isacemu.learning.nn.ExpertNetworkSpec;
import io.isacemu.learning.nn.Flops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code C(E_i)} from the system model, not from constants: each expert's architecture gives its
 * FLOPs (per-modality encoder FLOPs and the fusion head, run at the MEC), and the core's {@link
 * ReferenceScenario} — devices moving in a UMi cell, the optimal scheduler splitting the band every
 * frame — prices one sample of every expert. The table holds the mean over the frames.
 *
 * <p>Per sample, each modality's encoder FLOPs use that modality's own sequence length {@code T_m}
 * (unaligned data: text, audio and vision differ). The bits uploaded for a raw sample are the
 * configured sensing rate times the sensing window, {@code m_k·τ} ({@link #SENSING_SECONDS}), not
 * {@code T_m·d_m·32}: the features in the file (e.g. 768-d BERT vectors) are what the MEC computes
 * from the sensor stream, not what a sensor sends, so the link carries the stream. An encoded
 * sample is {@code 32·d_model} bits, independent of {@code T_m}.
 */
public final class SystemCosts {

  private SystemCosts() {}

  /**
   * The sensing window per sample the costs assume, s — the BS's default {@code isac.bs.sensing-seconds}.
   * Costs also assume offloading only, as the BS schedules today (devices run no encoder yet).
   */
  public static final double SENSING_SECONDS = 0.1;

  /** Per modality present in {@code featureDims}: its encoder's FLOPs over {@code T_m} steps and result bits (32-bit floats). */
  static List<ModalityWorkload> workloads(
      ArchitecturePreset preset, Map<Modality, Integer> featureDims, Map<Modality, Integer> steps) {
    List<ModalityWorkload> workloads = new ArrayList<>();
    for (Modality m : Modality.values()) {
      if (featureDims.containsKey(m)) {
        EncoderSpec e = preset.expert(ModalitySet.of(m), featureDims).encoders().get(0);
        workloads.add(new ModalityWorkload(m, Flops.encoder(e, stepsOf(steps, m)), 32.0 * e.width()));
      }
    }
    return workloads;
  }

  /** The core's view of each expert: its modalities and the FLOPs of its fusion head. */
  static List<ExpertSpec> specs(
      ArchitecturePreset preset, List<ModalitySet> experts, Map<Modality, Integer> featureDims,
      Map<Modality, Integer> steps) {
    List<ExpertSpec> specs = new ArrayList<>();
    for (ModalitySet s : experts) {
      ExpertNetworkSpec spec = preset.expert(s, featureDims);
      long encoders = spec.encoders().stream().mapToLong(e -> Flops.encoder(e, stepsOf(steps, e.modality()))).sum();
      specs.add(new ExpertSpec(s.name(), s, Flops.expert(spec, steps) - encoders));
    }
    return specs;
  }

  static int stepsOf(Map<Modality, Integer> steps, Modality m) {
    Integer t = steps.get(m);
    if (t == null) {
      throw new IllegalArgumentException("steps: no sequence length for " + m + " in " + steps);
    }
    return t;
  }

  /**
   * Per-sample costs of {@code experts} under {@code preset} for data of {@code featureDims} and
   * per-modality sequence lengths {@code steps} ({@code T_m ≥ 1}, a key for every modality of
   * {@code featureDims}), averaged over the frames of the reference scenario with {@code
   * seed}.
   *
   * @throws IllegalArgumentException when an expert can never be scheduled (names it)
   */
  public static GateCostTable of(
      ArchitecturePreset preset, List<ModalitySet> experts, Map<Modality, Integer> featureDims,
      Map<Modality, Integer> steps, long seed, CostMetric selector) {
    for (Modality m : featureDims.keySet()) {
      Check.positive("steps[" + m + "]", stepsOf(steps, m));
    }
    List<ModalityWorkload> workloads = workloads(preset, featureDims, steps);
    List<ExpertSpec> specs = specs(preset, experts, featureDims, steps);
    ReferenceScenario.Config cfg = ReferenceScenario.Config.reference(seed)
        .with(SENSING_SECONDS, workloads, specs, false);
    List<ReferenceScenario.Frame> frames = new ReferenceScenario(cfg).run();
    Map<String, GateExpertCost> costs = new LinkedHashMap<>();
    for (ExpertSpec e : specs) {
      double lat = 0, energy = 0, bits = 0, flops = 0;
      int n = 0;
      for (ReferenceScenario.Frame f : frames) {
        Optional<ExpertCost> c = f.costs().get(e.name());
        if (c.isPresent()) {
          lat += c.get().latencySeconds();
          energy += c.get().energyJ();
          bits += c.get().bits();
          flops += c.get().flops();
          n++;
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("experts: " + e.name() + " cannot be scheduled in any frame");
      }
      costs.put(e.name(), new GateExpertCost(lat / n, energy / n, bits / n, flops / n));
    }
    return new GateCostTable(costs, selector);
  }
}
