package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.cost.ModalityWorkload;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.scenario.ReferenceScenario;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.nn.EncoderSpec;
import io.isacemu.learning.nn.ExpertSpec;
import io.isacemu.learning.nn.Flops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code C(E_i)} from the system model, not from constants: each expert's architecture gives its
 * FLOPs (per-modality encoder FLOPs run on the device or the MEC, the fusion head at the MEC, and the
 * encoder output size as the bits a locally processing device sends), and the core's {@link
 * ReferenceScenario} — devices moving in a UMi cell, the optimal scheduler splitting the band every
 * frame — prices one sample of every expert. The table holds the mean over the frames.
 */
public final class SystemCosts {

  private SystemCosts() {}

  /**
   * The network state the on-demand gate reads, per frame of the reference scenario: per device (video,
   * audio, text) the one-unit post-combining SNR {@code γ_1} in dB (the layout the BS feeds the gate), then the fraction of the band's
   * units free before the task. Length {@link #NETWORK_STATE_DIM}.
   */
  public static final int NETWORK_STATE_DIM = 4;

  /**
   * Per-sample costs of {@code experts} under {@code preset} for data of {@code featureDims} and
   * sequence length {@code steps}, averaged over the frames of the reference scenario with {@code
   * seed}.
   *
   * @throws IllegalArgumentException when an expert can never be scheduled (names it)
   */
  public static CostTable of(
      ArchitecturePreset preset, List<ModalitySet> experts, Map<Modality, Integer> featureDims,
      int steps, long seed, CostMetric selector) {
    Check.positive("steps", steps);
    List<ModalityWorkload> workloads = new ArrayList<>();
    for (Modality m : Modality.values()) {
      if (featureDims.containsKey(m)) {
        EncoderSpec e = preset.expert(ModalitySet.of(m), featureDims).encoders().get(0);
        workloads.add(new ModalityWorkload(m, Flops.encoder(e, steps), 32.0 * e.width()));
      }
    }
    List<io.isacemu.core.cost.ExpertSpec> specs = new ArrayList<>();
    for (ModalitySet s : experts) {
      ExpertSpec spec = preset.expert(s, featureDims);
      long encoders = spec.encoders().stream().mapToLong(e -> Flops.encoder(e, steps)).sum();
      specs.add(new io.isacemu.core.cost.ExpertSpec(s.name(), s, Flops.expert(spec, steps) - encoders));
    }
    ReferenceScenario.Config base = ReferenceScenario.Config.reference(seed);
    ReferenceScenario.Config cfg = new ReferenceScenario.Config(seed, base.frames(), base.frameSeconds(),
        base.sensingSeconds(), base.bsAntennas(), base.spectrum(), workloads, specs);
    List<ReferenceScenario.Frame> frames = new ReferenceScenario(cfg).run();
    Map<String, ExpertCost> costs = new LinkedHashMap<>();
    for (io.isacemu.core.cost.ExpertSpec e : specs) {
      double lat = 0, energy = 0, bits = 0, flops = 0;
      int n = 0;
      for (ReferenceScenario.Frame f : frames) {
        Optional<io.isacemu.core.cost.ExpertCost> c = f.costs().get(e.name());
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
      costs.put(e.name(), new ExpertCost(lat / n, energy / n, bits / n, flops / n));
    }
    return new CostTable(costs, selector);
  }

  /**
   * Network-state vectors (see {@link #NETWORK_STATE_DIM}) of the reference scenario's frames; sample
   * {@code i} of a split is paired with frame {@code i mod frames}, so training sees the channel
   * conditions the BS will meet.
   */
  public static float[][] networkStates(long seed) {
    ReferenceScenario.Config cfg = ReferenceScenario.Config.reference(seed);
    List<ReferenceScenario.Frame> frames = new ReferenceScenario(cfg).run();
    io.isacemu.core.uplink.UplinkModel uplink = io.isacemu.core.uplink.UplinkModel.reference(cfg.bsAntennas());
    float[][] out = new float[frames.size()][];
    for (int f = 0; f < frames.size(); f++) {
      float[] v = new float[NETWORK_STATE_DIM];
      int i = 0;
      for (Modality m : Modality.values()) {
        double g = Math.min(1.0, frames.get(f).channels().get(m).channelGainLinear());
        v[i++] = (float) io.isacemu.core.units.Units.linearToDb(uplink.snrPerUnitLinear(23.0, g));
      }
      // free units before the task, as a fraction of U: the reference scenario serves one task at a
      // time, so the whole band is free; the BS supplies the live value.
      v[i] = 1.0f;
      out[f] = v;
    }
    return out;
  }

  /** {@link GateFeatures} pairing sample {@code i} with frame {@code i mod frames} of {@link #networkStates}. */
  public static GateFeatures networkFeatures(long seed) {
    float[][] states = networkStates(seed);
    return (split, sample) -> states[Math.floorMod(sample, states.length)].clone();
  }
}
