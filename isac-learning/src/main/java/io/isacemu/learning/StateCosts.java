package io.isacemu.learning;

import io.isacemu.core.channel.ChannelState;
import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.cost.ExpertCost;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.scenario.ReferenceScenario;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.validation.Check;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.metrics.RoutingStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State-dependent expert costs {@code C(E_i | s)}: a seeded pool of network states {@code s} drawn
 * from the core's models, each expert priced for each state, and a seeded assignment of one state to
 * every sample (by sample id; a fresh one every training epoch, {@link #forEpoch}), so the gate can
 * be trained on {@code L = L_task + λ Σ_i g_i Ĉ_i(s)} with {@code s} as its input.
 *
 * <p>Drawing: the {@link ReferenceScenario} devices (video, audio, text; random waypoint in the UMi
 * street-canyon cell, shadowing and Jakes fading, {@code seed}) are run for {@code states} frames of
 * {@value #FRAME_SECONDS} s (far enough apart that positions and fading decorrelate). State {@code k}
 * takes frame {@code k}'s channels and a free-units level drawn (seeded) from {@link
 * #FREE_FRACTIONS} of the band; its experts are priced by the scenario's cost model with the optimal
 * min-latency scheduler splitting only those free units (offload only, sensing window {@link
 * SystemCosts#SENSING_SECONDS}, as {@link SystemCosts}). The gate's view of the state is {@link
 * NetworkState}: per device the one-unit SNR {@code γ_1} at the scenario's 23 dBm, and the free
 * fraction.
 *
 * <p>Normalisation, so that λ means the same for every metric and for both gates: {@code Ĉ_i(s) =
 * clamp((C_i(s) − m̃) / (M̃ − m̃), 0, }{@value #MAX_NORMALISED}{@code )} with {@code m̃} and {@code M̃} the
 * smallest and the largest <em>pool-median</em> cost {@code median_s C_j(s)} among the experts of the
 * normalising set (the gate's routable experts); {@code M̃ = m̃} gives all zeros. In the typical
 * (median) state the cheapest expert then costs 0 and the dearest 1 whatever the metric — for bits
 * and FLOPs, which do not depend on the state, exactly the min–max of the mean table ({@link
 * GateCostTable#normalised}) the full gate is trained on — so in {@code L = L_task + λ Σ_i y_i Ĉ_i(s)}
 * λ = 1 means: sending one sample to the dearest expert instead of the cheapest costs, in a typical
 * state, as much as one unit of the task loss (L1 on the sentiment score). A worse state costs more,
 * up to {@value #MAX_NORMALISED} typical spreads (clamped: a deep fade's latency can be many times
 * the typical one). The median, not the mean, because latency is heavy-tailed: anchored on the mean
 * its typical spread was 0.40 against energy's 0.93. The previous rule, a global min–max to the 95 %
 * quantile of the pooled costs, let the tail set the unit: latency's mean {@code Ĉ_{V+A+T}} was 0.35
 * against energy's 0.88 (512 states, seed 7, demo preset, T = 10), so the same λ weighed latency
 * 2.5× less and the on-demand gate trained on latency at λ = 0.5 acted like one at λ ≈ 0.2, which
 * keeps nearly everything on V+A+T (issue 12).
 *
 * <p>Bits and FLOPs do not depend on the network state (offload only: the raw bits {@code n m_k
 * T^s} and the expert's FLOPs are fixed), so with those selectors every state prices the experts
 * alike; use latency or energy for a state-aware gate.
 */
public final class StateCosts {

  /** Free-unit levels, as fractions of the band's units, a state's level is drawn from (uniformly). */
  public static final List<Double> FREE_FRACTIONS = List.of(0.125, 0.25, 0.5, 1.0);
  /** The largest {@code Ĉ_i(s)}: a state may cost up to this many mean spreads {@code M̄ − m̄}, see the class comment. */
  public static final double MAX_NORMALISED = 10.0;
  /** Emulated time between two drawn states, s. */
  public static final double FRAME_SECONDS = 5.0;
  /** Device transmit power of the reference scenario, dBm (its {@code DeviceProfile}s use 23 dBm). */
  static final double TX_POWER_DBM = 23.0;

  private final List<String> experts;
  private final List<NetworkState> states;
  private final List<Map<String, GateExpertCost>> costs;
  private final CostMetric selector;
  private final long seed;
  private final long draw;
  private final Map<List<String>, double[]> ranges;

  private StateCosts(List<String> experts, List<NetworkState> states, List<Map<String, GateExpertCost>> costs,
      CostMetric selector, long seed, long draw, Map<List<String>, double[]> ranges) {
    this.experts = experts;
    this.states = states;
    this.costs = costs;
    this.selector = selector;
    this.seed = seed;
    this.draw = draw;
    this.ranges = ranges;
  }

  /**
   * Draws {@code states} network states and prices {@code experts} in each.
   *
   * @param preset architecture sizes (FLOPs of the encoders and heads)
   * @param experts every expert of the model (costs are needed for all, the loss uses the routable ones)
   * @param featureDims feature dimension per modality
   * @param steps sequence length {@code T_m ≥ 1} of every modality of {@code featureDims}
   * @param states pool size, in [1, 100000]
   * @param seed seeds channels, trajectories, free-unit levels and the sample → state assignment
   * @param selector the component that enters the loss
   * @throws IllegalStateException when an expert cannot be scheduled in a drawn state
   */
  public static StateCosts draw(ArchitecturePreset preset, List<ModalitySet> experts,
      Map<Modality, Integer> featureDims, Map<Modality, Integer> steps, int states, long seed, CostMetric selector) {
    Check.present("preset", preset);
    Check.present("selector", selector);
    for (Modality m : featureDims.keySet()) {
      Check.positive("steps[" + m + "]", SystemCosts.stepsOf(steps, m));
    }
    Check.inRange("states", states, 1, 100_000);
    List<ModalitySet> exp = List.copyOf(experts);
    if (exp.isEmpty()) {
      throw new IllegalArgumentException("experts: [] is empty");
    }
    ReferenceScenario.Config base = ReferenceScenario.Config.reference(seed);
    Spectrum band = base.spectrum();
    int total = band.totalUnits();
    int minUnits = exp.stream().mapToInt(ModalitySet::size).max().orElseThrow();
    var workloads = SystemCosts.workloads(preset, featureDims, steps);
    var specs = SystemCosts.specs(preset, exp, featureDims, steps);
    // one scenario run per free-units level: same seed ⇒ same channels, only the band differs
    List<List<ReferenceScenario.Frame>> byLevel = new ArrayList<>();
    int[] units = new int[FREE_FRACTIONS.size()];
    for (int l = 0; l < units.length; l++) {
      units[l] = Math.max(minUnits, (int) Math.round(FREE_FRACTIONS.get(l) * total));
      Spectrum free = new Spectrum(units[l] * band.unitBandwidthHz(), band.unitBandwidthHz());
      byLevel.add(new ReferenceScenario(new ReferenceScenario.Config(seed, states, FRAME_SECONDS,
          SystemCosts.SENSING_SECONDS, base.bsAntennas(), free, workloads, specs, false)).run());
    }
    UplinkModel uplink = new UplinkModel(band, ThermalNoise.reference(), base.bsAntennas());
    SplittableRandom levels = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EEDL);
    List<NetworkState> drawn = new ArrayList<>(states);
    List<Map<String, GateExpertCost>> priced = new ArrayList<>(states);
    for (int k = 0; k < states; k++) {
      final int state = k;
      final int l = levels.nextInt(units.length);
      ReferenceScenario.Frame f = byLevel.get(l).get(k);
      Map<Modality, Double> snr = new EnumMap<>(Modality.class);
      for (Map.Entry<Modality, ChannelState> c : f.channels().entrySet()) {
        snr.put(c.getKey(), NetworkState.snrPerUnitDb(uplink, TX_POWER_DBM, c.getValue().channelGainLinear()));
      }
      drawn.add(new NetworkState(snr, units[l] / (double) total));
      Map<String, GateExpertCost> row = new LinkedHashMap<>();
      for (ModalitySet e : exp) {
        ExpertCost c = f.costs().get(e.name()).orElseThrow(() -> new IllegalStateException(
            "experts: " + e.name() + " cannot be scheduled on " + units[l] + " units in drawn state " + state));
        row.put(e.name(), new GateExpertCost(c.latencySeconds(), c.energyJ(), c.bits(), c.flops()));
      }
      priced.add(row);
    }
    return new StateCosts(exp.stream().map(ModalitySet::name).toList(), List.copyOf(drawn), List.copyOf(priced),
        selector, seed, 0, new ConcurrentHashMap<>());
  }

  /** The same states and prices with another selected component. */
  public StateCosts withSelector(CostMetric newSelector) {
    return new StateCosts(experts, states, costs, Check.present("selector", newSelector), seed, draw,
        new ConcurrentHashMap<>());
  }

  /**
   * The same pool and prices with a fresh seeded sample → state assignment for training epoch {@code
   * epoch} ≥ 0, so every epoch pairs each sample with a new state: otherwise the gate can memorise
   * a sample's fixed state from its text and learn to ignore the state input. Evaluation uses the
   * epoch-free assignment of this object.
   */
  public StateCosts forEpoch(int epoch) {
    Check.nonNegative("epoch", epoch);
    return new StateCosts(experts, states, costs, selector, seed, epoch + 1L, ranges);
  }

  /** The component that enters the loss. */
  public CostMetric selector() {
    return selector;
  }

  /** Number of states in the pool. */
  public int size() {
    return states.size();
  }

  /** State {@code k} of the pool. */
  public NetworkState state(int k) {
    return states.get(k);
  }

  /** The cost of {@code expert} in state {@code k}. */
  public GateExpertCost cost(int k, String expert) {
    GateExpertCost c = costs.get(k).get(expert);
    if (c == null) {
      throw new IllegalArgumentException("expert: '" + expert + "' is not one of " + experts);
    }
    return c;
  }

  /**
   * The pool state assigned to sample {@code i} of {@code split}: a seeded hash of its id and of the
   * epoch of {@link #forEpoch} (same id and epoch ⇒ same state).
   */
  public int stateOf(MultimodalSplit split, int i) {
    long h = seed * 0x9E3779B97F4A7C15L ^ split.id(i).hashCode() * 0xC2B2AE3D27D4EB4FL ^ draw * 0x165667B19E3779F9L;
    return new SplittableRandom(h).nextInt(states.size());
  }

  /** The gate's features: the {@link NetworkState#vector()} of each sample's assigned state. */
  public GateFeatures features() {
    return (split, i) -> states.get(stateOf(split, i)).vector();
  }

  /**
   * {@code Ĉ_i(s_k)} for {@code names} in state {@code k}, normalised by the pool-median spread of
   * {@code names} (see the class comment), each in [0, {@value #MAX_NORMALISED}].
   */
  public double[] normalised(int k, List<String> names) {
    double[] range = ranges.computeIfAbsent(List.copyOf(names), this::range);
    double[] out = new double[names.size()];
    double spread = range[1] - range[0];
    for (int i = 0; i < out.length; i++) {
      double c = (cost(k, names.get(i)).get(selector) - range[0]) / spread;
      out[i] = spread > 0 ? Math.max(0.0, Math.min(MAX_NORMALISED, c)) : 0.0;
    }
    return out;
  }

  /** {@code {m̃, M̃}}: the smallest and largest pool-median cost among {@code names}. */
  private double[] range(List<String> names) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (String n : names) {
      double[] v = new double[states.size()];
      for (int k = 0; k < v.length; k++) {
        v[k] = cost(k, n).get(selector);
      }
      java.util.Arrays.sort(v);
      double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      lo = Math.min(lo, median);
      hi = Math.max(hi, median);
    }
    return new double[] {lo, hi};
  }

  /** Per expert its mean cost over the pool (for reporting and the bundle's cost table). */
  public GateCostTable meanTable() {
    Map<String, GateExpertCost> mean = new LinkedHashMap<>();
    for (String e : experts) {
      double lat = 0, en = 0, bits = 0, flops = 0;
      for (int k = 0; k < states.size(); k++) {
        GateExpertCost c = cost(k, e);
        lat += c.latencySeconds();
        en += c.energyJoules();
        bits += c.bits();
        flops += c.flops();
      }
      int n = states.size();
      mean.put(e, new GateExpertCost(lat / n, en / n, bits / n, flops / n));
    }
    return new GateCostTable(mean, selector);
  }

  /**
   * Routing statistics of {@code choice} on {@code split} priced per sample in the sample's state:
   * usage shares over {@code names}, the mean raw cost of the chosen experts, and the mean {@code
   * Ĉ} normalised over {@code routable} (an expert outside it counts 1).
   */
  public RoutingStats routing(int[] choice, MultimodalSplit split, List<String> names, List<String> routable) {
    if (choice.length != split.size()) {
      throw new IllegalArgumentException("choice: length " + choice.length + " != split size " + split.size());
    }
    long[] counts = new long[names.size()];
    double lat = 0, en = 0, bits = 0, flops = 0, norm = 0;
    for (int i = 0; i < choice.length; i++) {
      int c = choice[i];
      if (c < 0 || c >= names.size()) {
        throw new IllegalArgumentException("choice: " + c + " outside [0, " + names.size() + ")");
      }
      counts[c]++;
      int k = stateOf(split, i);
      GateExpertCost cost = cost(k, names.get(c));
      lat += cost.latencySeconds();
      en += cost.energyJoules();
      bits += cost.bits();
      flops += cost.flops();
      int r = routable.indexOf(names.get(c));
      norm += r < 0 ? 1.0 : normalised(k, routable)[r];
    }
    int n = Math.max(1, choice.length);
    Map<String, Double> shares = new LinkedHashMap<>();
    for (int e = 0; e < names.size(); e++) {
      shares.put(names.get(e), choice.length == 0 ? 0.0 : counts[e] / (double) choice.length);
    }
    return new RoutingStats(shares, new GateExpertCost(lat / n, en / n, bits / n, flops / n), norm / n);
  }

  /** Whether {@code metric} can depend on the network state (latency and energy do; bits and FLOPs do not). */
  public static boolean stateDependent(CostMetric metric) {
    return metric == CostMetric.LATENCY || metric == CostMetric.ENERGY;
  }
}
