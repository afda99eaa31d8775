package io.isacemu.core.scenario;

import io.isacemu.core.channel.ChannelConfig;
import io.isacemu.core.channel.ChannelState;
import io.isacemu.core.channel.DeviceChannel;
import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.cost.CostModel;
import io.isacemu.core.cost.DevicePathCost;
import io.isacemu.core.cost.DeviceProfile;
import io.isacemu.core.cost.ExpertCost;
import io.isacemu.core.cost.ExpertSpec;
import io.isacemu.core.cost.ModalityWorkload;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.mobility.RandomWaypoint;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.validation.Check;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference ISAC scenario of the system model, run frame by frame: three devices (video, audio,
 * text) move in a UMi street-canyon cell; every frame the optimal scheduler splits the band among the
 * devices each expert needs and decides local vs offload, and the cost model prices one sample of
 * every expert. The result is the time series and the summary of {@code C(E_i)} — what the gate's
 * resource-aware loss trades against accuracy.
 */
public final class ReferenceScenario {

  /**
   * Scenario settings.
   *
   * @param seed seeds every channel and trajectory
   * @param frames number of frames, ≥ 1
   * @param frameSeconds emulated time between frames, s, > 0
   * @param sensingSeconds {@code T^s}, s, > 0
   * @param bsAntennas {@code M}, ≥ 1
   * @param spectrum the band
   * @param workloads per-modality encoder FLOPs and result bits (defaults: the {@code mosei-reference}
   *     encoders at sequence length 50, as counted by isac-learning's FLOP counter)
   * @param headFlops per expert name, FLOPs of its fusion head
   * @param experts the experts priced every frame
   * @param localProcessing whether devices may encode locally (else offload only)
   */
  public record Config(
      long seed, int frames, double frameSeconds, double sensingSeconds, int bsAntennas,
      Spectrum spectrum, List<ModalityWorkload> workloads, List<ExpertSpec> experts, boolean localProcessing) {

    public Config {
      Check.positive("frames", frames);
      Check.positive("frameSeconds", frameSeconds);
      Check.positive("sensingSeconds", sensingSeconds);
      Check.inRange("bsAntennas", bsAntennas, 1, 1024);
      Check.present("spectrum", spectrum);
      workloads = List.copyOf(workloads);
      experts = List.copyOf(experts);
      if (experts.isEmpty()) {
        throw new IllegalArgumentException("experts: at least one expert is needed");
      }
    }

    /** 60 frames of 1 s, T^s = 1 s, 4 antennas, 20 MHz / 180 kHz, experts V, A, T, V+A+T. */
    public static Config reference(long seed) {
      return new Config(seed, 60, 1.0, 1.0, 4, Spectrum.reference(),
          List.of(
              new ModalityWorkload(Modality.VIDEO, REF_VIDEO_ENCODER_FLOPS, 60 * 32),
              new ModalityWorkload(Modality.AUDIO, REF_AUDIO_ENCODER_FLOPS, 120 * 32),
              new ModalityWorkload(Modality.TEXT, REF_TEXT_ENCODER_FLOPS, 120 * 32)),
          List.of(
              new ExpertSpec("V", ModalitySet.of(Modality.VIDEO), 2.0 * (60 * 64 + 64)),
              new ExpertSpec("A", ModalitySet.of(Modality.AUDIO), 2.0 * (120 * 64 + 64)),
              new ExpertSpec("T", ModalitySet.of(Modality.TEXT), 2.0 * (120 * 64 + 64)),
              new ExpertSpec("V+A+T", ModalitySet.all(), 2.0 * (300 * 128 + 128))),
          true);
    }

    /** The same settings with another sensing window, experts, workloads and local-processing switch. */
    public Config with(double newSensingSeconds, List<ModalityWorkload> newWorkloads, List<ExpertSpec> newExperts,
        boolean newLocalProcessing) {
      return new Config(seed, frames, frameSeconds, newSensingSeconds, bsAntennas, spectrum, newWorkloads, newExperts,
          newLocalProcessing);
    }

    /** The same settings with another number of frames. */
    public Config withFrames(int newFrames) {
      return new Config(seed, newFrames, frameSeconds, sensingSeconds, bsAntennas, spectrum, workloads, experts,
          localProcessing);
    }
  }

  /** Analytic FLOPs of the reference encoders (1×1 conv, 5 post-LN layers, FFN ×4, T = 50). */
  public static final double REF_VIDEO_ENCODER_FLOPS = encoderFlops(50, 35, 60, 5);
  /** See {@link #REF_VIDEO_ENCODER_FLOPS}. */
  public static final double REF_AUDIO_ENCODER_FLOPS = encoderFlops(50, 74, 120, 5);
  /** See {@link #REF_VIDEO_ENCODER_FLOPS}. */
  public static final double REF_TEXT_ENCODER_FLOPS = encoderFlops(50, 300, 120, 5);

  /**
   * Multiply-adds ×2 of a 1×1 conv {@code dIn→d} and {@code layers} transformer layers at width d over
   * T steps: Q,K,V,O projections {@code 4·T·d²}, scores and weighted sum {@code 2·T²·d}, FFN
   * {@code 2·T·d·4d}.
   */
  static double encoderFlops(int steps, int dIn, int d, int layers) {
    double conv = 2.0 * steps * dIn * d;
    double layer = 2.0 * (4.0 * steps * d * d + 2.0 * steps * steps * d + 2.0 * steps * d * 4 * d);
    return conv + layers * layer;
  }

  /** One frame's state and prices. */
  public record Frame(double timeSeconds, Map<Modality, ChannelState> channels, Map<String, Optional<ExpertCost>> costs) {}

  private final Config config;

  public ReferenceScenario(Config config) {
    this.config = Check.present("config", config);
  }

  /** Runs every frame. Same config (seed) ⇒ same frames. */
  public List<Frame> run() {
    ChannelConfig cc = ChannelConfig.reference();
    Modality[] mods = Modality.values();
    List<DeviceChannel> channels = DeviceChannel.forDevices(cc, config.seed(), mods.length,
        rng -> new RandomWaypoint(RandomWaypoint.Parameters.reference(), rng));
    CostModel model = new CostModel(
        new UplinkModel(config.spectrum(), ThermalNoise.reference(), config.bsAntennas()),
        MecServer.reference(), config.sensingSeconds(), config.workloads(), config.localProcessing());
    double[] rateBps = {4e6, 128e3, 100};
    double[] cpuHz = {1e9, 1e9, 2e9};
    double[] sensePowerW = {0.5, 0.05, 0.0};
    List<Frame> frames = new ArrayList<>();
    for (int f = 0; f < config.frames(); f++) {
      Map<Modality, ChannelState> states = new EnumMap<>(Modality.class);
      Map<Modality, DeviceProfile> devices = new EnumMap<>(Modality.class);
      for (int i = 0; i < mods.length; i++) {
        ChannelState s = f == 0 ? channels.get(i).current() : channels.get(i).step(config.frameSeconds());
        states.put(mods[i], s);
        devices.put(mods[i], new DeviceProfile(mods[i].name().toLowerCase(Locale.ROOT) + "-0", mods[i],
            rateBps[i], 23.0, Math.min(1.0, s.channelGainLinear()), DeviceProcessor.of(cpuHz[i], 8), sensePowerW[i]));
      }
      Map<String, Optional<ExpertCost>> costs = new LinkedHashMap<>();
      for (ExpertSpec e : config.experts()) {
        costs.put(e.name(), model.optimalCost(e, devices, config.spectrum().totalUnits()));
      }
      frames.add(new Frame(f * config.frameSeconds(), states, costs));
    }
    return frames;
  }

  /** Prints the per-expert summary (mean and p95 over frames) and a few frames. */
  public static void print(Config config, List<Frame> frames, PrintStream out) {
    out.printf(Locale.ROOT, "Reference ISAC scenario: seed %d, %d frames of %.1f s, T^s = %.2f s, M = %d, B = %.1f MHz in %d units of %.0f kHz%n",
        config.seed(), config.frames(), config.frameSeconds(), config.sensingSeconds(), config.bsAntennas(),
        config.spectrum().totalBandwidthHz() / 1e6, config.spectrum().totalUnits(), config.spectrum().unitBandwidthHz() / 1e3);
    out.println();
    out.println("Per-sample cost C(E_i) of each expert, each scheduled alone on all units (optimal min-latency):");
    out.printf(Locale.ROOT, "%-7s %12s %12s %12s %12s %12s %14s %12s %10s%n",
        "expert", "lat mean s", "lat p95 s", "comm mean s", "energy mJ", "bits kbit", "MFLOPs", "units used", "offload%");
    for (ExpertSpec e : config.experts()) {
      List<ExpertCost> cs = frames.stream().map(fr -> fr.costs().get(e.name())).flatMap(Optional::stream).toList();
      if (cs.isEmpty()) {
        out.printf(Locale.ROOT, "%-7s  (never schedulable)%n", e.name());
        continue;
      }
      double[] lat = cs.stream().mapToDouble(ExpertCost::latencySeconds).sorted().toArray();
      long offload = cs.stream().flatMap(c -> c.devices().stream()).filter(d -> d.mode().name().equals("OFFLOAD")).count();
      long paths = cs.stream().mapToLong(c -> c.devices().size()).sum();
      out.printf(Locale.ROOT, "%-7s %12.4f %12.4f %12.4f %12.3f %12.2f %14.1f %12.1f %10.1f%n",
          e.name(), mean(lat), percentile(lat, 0.95),
          cs.stream().mapToDouble(ExpertCost::commSeconds).average().orElseThrow(),
          cs.stream().mapToDouble(ExpertCost::energyJ).average().orElseThrow() * 1e3,
          cs.stream().mapToDouble(ExpertCost::bits).average().orElseThrow() / 1e3,
          cs.stream().mapToDouble(ExpertCost::flops).average().orElseThrow() / 1e6,
          cs.stream().mapToDouble(c -> c.devices().stream().mapToInt(DevicePathCost::units).sum()).average().orElseThrow(),
          100.0 * offload / paths);
    }
    out.println();
    out.println("Frames (every 10th): distance m / channel gain dB per device; V+A+T allocation units:mode");
    for (int i = 0; i < frames.size(); i += 10) {
      Frame fr = frames.get(i);
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "t=%5.1fs", fr.timeSeconds()));
      for (Map.Entry<Modality, ChannelState> e : fr.channels().entrySet()) {
        sb.append(String.format(Locale.ROOT, "  %s %5.0fm %7.1fdB%s", e.getKey().symbol(), e.getValue().distance2dM(),
            e.getValue().channelGainDb(), e.getValue().los() ? "(LOS)" : ""));
      }
      fr.costs().getOrDefault("V+A+T", Optional.empty()).ifPresent(c -> {
        sb.append("  |");
        for (DevicePathCost d : c.devices()) {
          sb.append(String.format(Locale.ROOT, " %s %d:%s", d.modality().symbol(), d.units(), d.mode().name().charAt(0)));
        }
        sb.append(String.format(Locale.ROOT, "  lat %.3fs", c.latencySeconds()));
      });
      out.println(sb);
    }
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  /** {@code java -cp isac-core.jar io.isacemu.core.scenario.ReferenceScenario [seed] [frames]}. */
  public static void main(String[] args) {
    long seed = args.length > 0 ? parseLong("seed", args[0]) : 7L;
    Config base = Config.reference(seed);
    int frames = args.length > 1 ? (int) parseLong("frames", args[1]) : base.frames();
    Config cfg = base.withFrames(frames);
    print(cfg, new ReferenceScenario(cfg).run(), System.out);
  }

  private static long parseLong(String field, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + v + "' is not an integer", e);
    }
  }
}
