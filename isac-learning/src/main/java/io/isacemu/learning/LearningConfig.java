package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import java.util.HashSet;
import java.util.List;

/**
 * Hyperparameters of a two-stage training job (stage I: each expert alone; stage II: the gate,
 * once per {@code λ}).
 *
 * @param preset architecture sizes
 * @param experts the expert modality sets {@code S_i}, non-empty, distinct (at most {@code 2^M − 1})
 * @param gateMode what the gate reads
 * @param gateModalities modalities the gate reads in {@code ON_DEMAND} mode (default text); in
 *     {@code FULL} mode every modality is read and this is ignored
 * @param networkStateDim length of the dense network-state vector fed to the gate in {@code
 *     ON_DEMAND} mode (e.g. 2 per device: SNR in dB and free resource units), ≥ 0; must be 0 in FULL
 * @param expertEpochs maximum stage-I epochs per expert, ≥ 1
 * @param gateEpochs maximum stage-II epochs per λ, ≥ 1
 * @param batchSize samples per optimiser step, ≥ 1
 * @param expertLearningRate Adam learning rate of stage I, &gt; 0
 * @param gateLearningRate Adam learning rate of stage II, &gt; 0
 * @param tau Gumbel-softmax temperature schedule over the stage-II epochs
 * @param lambdas cost weights {@code λ ≥ 0}; stage II runs once per value from the same experts
 * @param taskLoss the task term
 * @param fineTuneExperts false (default): experts frozen in stage II; true: trained with the gate
 * @param patience early stopping: epochs without validation improvement before stopping, ≥ 1
 * @param seed seed of initialisation, Gumbel noise and shuffling
 * @param gateExperts the experts the gate may route to, a non-empty subset of {@code experts}
 * @param alsoFullGate with an {@code ON_DEMAND} gate: also train, per λ and from the same stage-I
 *     experts, a FULL gate (every modality, no network state, the job's mean cost table) for the
 *     BS's {@code full} mode; must be false when {@code gateMode} is FULL
 */
public record LearningConfig(
    ArchitecturePreset preset,
    List<ModalitySet> experts,
    GateMode gateMode,
    ModalitySet gateModalities,
    int networkStateDim,
    int expertEpochs,
    int gateEpochs,
    int batchSize,
    double expertLearningRate,
    double gateLearningRate,
    TemperatureSchedule tau,
    List<Double> lambdas,
    TaskLoss taskLoss,
    boolean fineTuneExperts,
    int patience,
    long seed,
    List<ModalitySet> gateExperts,
    boolean alsoFullGate) {

  public LearningConfig {
    Check.present("preset", preset);
    Check.present("experts", experts);
    Check.present("gateMode", gateMode);
    Check.present("gateModalities", gateModalities);
    Check.present("tau", tau);
    Check.present("lambdas", lambdas);
    Check.present("taskLoss", taskLoss);
    if (experts.isEmpty()) {
      throw new IllegalArgumentException("experts: [] is empty; declare at least one modality set");
    }
    experts = List.copyOf(experts);
    if (new HashSet<>(experts).size() != experts.size()) {
      throw new IllegalArgumentException("experts: " + experts + " contains duplicates");
    }
    gateExperts = List.copyOf(Check.present("gateExperts", gateExperts));
    if (gateExperts.isEmpty()) {
      throw new IllegalArgumentException("gateExperts: [] is empty; the gate needs at least one expert");
    }
    for (int i = 0; i < gateExperts.size(); i++) {
      if (!experts.contains(gateExperts.get(i))) {
        throw new IllegalArgumentException(
            "gateExperts[" + i + "]: " + gateExperts.get(i) + " is not one of experts " + experts);
      }
    }
    Check.nonNegative("networkStateDim", networkStateDim);
    if (alsoFullGate && gateMode == GateMode.FULL) {
      throw new IllegalArgumentException("alsoFullGate: true needs an ON_DEMAND primary gate (the gate is already FULL)");
    }
    if (gateMode == GateMode.FULL && networkStateDim != 0) {
      throw new IllegalArgumentException("networkStateDim: " + networkStateDim + " must be 0 in FULL gate mode");
    }
    Check.positive("expertEpochs", expertEpochs);
    Check.positive("gateEpochs", gateEpochs);
    Check.positive("batchSize", batchSize);
    Check.positive("expertLearningRate", expertLearningRate);
    Check.positive("gateLearningRate", gateLearningRate);
    if (lambdas.isEmpty()) {
      throw new IllegalArgumentException("lambdas: [] is empty; give at least one λ ≥ 0");
    }
    lambdas = List.copyOf(lambdas);
    for (double l : lambdas) {
      Check.nonNegative("lambda", l);
    }
    Check.positive("patience", patience);
  }

  /** The modalities the gate reads. */
  public ModalitySet gateInputs() {
    return gateMode == GateMode.FULL ? ModalitySet.all() : gateModalities;
  }

  /** Expert names in declaration order, e.g. {@code [T, V+A+T]}. */
  public List<String> expertNames() {
    return experts.stream().map(ModalitySet::name).toList();
  }

  /** A builder with the defaults of the {@code demo} preset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder with defaults: demo preset, experts T and V+A+T, FULL gate, L1, frozen experts. */
  public static final class Builder {
    private List<ModalitySet> gateExperts;
    private ArchitecturePreset preset = ArchitecturePreset.demo();
    private List<ModalitySet> experts =
        List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all());
    private GateMode gateMode = GateMode.FULL;
    private ModalitySet gateModalities = ModalitySet.of(Modality.TEXT);
    private int networkStateDim = 0;
    private int expertEpochs = 10;
    private int gateEpochs = 10;
    private int batchSize = 32;
    private double expertLearningRate = 1e-3;
    private double gateLearningRate = 1e-3;
    private double tau0 = 1.0;
    private double tauMin = 0.1;
    private List<Double> lambdas = List.of(0.0);
    private TaskLoss taskLoss = TaskLoss.L1;
    private boolean fineTuneExperts = false;
    private int patience = 5;
    private long seed = 1;
    private boolean alsoFullGate = false;

    private Builder() {}

    /** Preset by name ({@code mosei-reference} or {@code demo}). */
    public Builder preset(String name) {
      this.preset = ArchitecturePreset.byName(name);
      return this;
    }

    /** A custom preset. */
    public Builder preset(ArchitecturePreset preset) {
      this.preset = preset;
      return this;
    }

    /** Expert modality sets. */
    public Builder experts(List<ModalitySet> experts) {
      this.experts = experts;
      return this;
    }

    /** FULL: all modalities. */
    public Builder fullGate() {
      this.gateMode = GateMode.FULL;
      this.networkStateDim = 0;
      return this;
    }

    /** ON_DEMAND: the given cheap modalities plus a network-state vector of {@code stateDim ≥ 0}. */
    public Builder onDemandGate(ModalitySet cheap, int stateDim) {
      this.gateMode = GateMode.ON_DEMAND;
      this.gateModalities = cheap;
      this.networkStateDim = stateDim;
      return this;
    }

    public Builder expertEpochs(int v) {
      this.expertEpochs = v;
      return this;
    }

    public Builder gateEpochs(int v) {
      this.gateEpochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      this.batchSize = v;
      return this;
    }

    public Builder expertLearningRate(double v) {
      this.expertLearningRate = v;
      return this;
    }

    public Builder gateLearningRate(double v) {
      this.gateLearningRate = v;
      return this;
    }

    /** Temperature annealed exponentially from τ0 to τmin. */
    public Builder tau(double tau0, double tauMin) {
      this.tau0 = tau0;
      this.tauMin = tauMin;
      return this;
    }

    public Builder lambdas(List<Double> v) {
      this.lambdas = v;
      return this;
    }

    public Builder taskLoss(TaskLoss v) {
      this.taskLoss = v;
      return this;
    }

    public Builder fineTuneExperts(boolean v) {
      this.fineTuneExperts = v;
      return this;
    }

    public Builder patience(int v) {
      this.patience = v;
      return this;
    }

    public Builder seed(long v) {
      this.seed = v;
      return this;
    }

    /** Validates and builds; IllegalArgumentException names the offending field and value. */
    public LearningConfig build() {
      return new LearningConfig(
          preset, experts, gateMode, gateModalities, networkStateDim, expertEpochs, gateEpochs,
          batchSize, expertLearningRate, gateLearningRate, new TemperatureSchedule(tau0, tauMin),
          lambdas, taskLoss, fineTuneExperts, patience, seed, gateExperts == null ? experts : gateExperts,
          alsoFullGate);
    }

    /**
     * The experts the gate may route to (a subset of {@link #experts}); the others are trained and
     * bundled for fixed modes only. Default: every expert.
     */
    public Builder gateExperts(List<ModalitySet> v) {
      this.gateExperts = v;
      return this;
    }

    /** Whether to train a FULL gate beside the ON_DEMAND one (default false); see {@link LearningConfig}. */
    public Builder alsoFullGate(boolean v) {
      this.alsoFullGate = v;
      return this;
    }
  }
}
