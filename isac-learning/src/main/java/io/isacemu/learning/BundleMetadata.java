package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.learning.deploy.DeployRule;
import io.isacemu.learning.deploy.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contents of a bundle's {@code metadata.json}.
 *
 * @param formatVersion bundle format, currently 2 (2 added per-modality sequence lengths; a format-1
 *     bundle is read as every modality sharing its one {@code sequenceLength})
 * @param createdAt creation time, ISO-8601 UTC
 * @param preset architecture sizes
 * @param experts expert modality sets by canonical name, gate-output order
 * @param gateInputs modality set the gate reads, canonical name
 * @param networkStateDim gate dense-feature length
 * @param featureDims feature dimension per modality
 * @param sequenceLengths time steps {@code T_m} per modality, same keys as {@code featureDims}
 * @param taskLoss {@code L1} or {@code BCE}
 * @param lambda cost weight λ of stage II
 * @param costSelector cost component used in the loss
 * @param costs per expert its cost
 * @param datasetName dataset name
 * @param datasetFingerprint hex SHA-256 of the training data
 * @param metrics named evaluation numbers (e.g. {@code valid.acc2NonZero}); NaN allowed
 * @param usageShares per expert the share of evaluated samples routed to it
 * @param parameterShapes per block file ({@code gate}, {@code expert0}, ...) "name=shape" of every parameter
 * @param routable experts the gate may route to (absent in older bundles: every expert)
 * @param fullGate the FULL-input gate stored beside this (cheap) gate in {@code gate-full.params},
 *     for the BS's {@code full} mode; {@code null} in the JSON (and in older bundles) when there is
 *     none — read it through {@link #full()}
 * @param deployment the rule the gate was chosen by, the chosen λ and the validation frontier;
 *     {@code null} in older bundles — read it through {@link #deployed()} and {@link #deployRule()}
 * @param engine DJL/PyTorch versions and thread counts of the training run; {@code null} in older
 *     bundles — read it through {@link #engineSettings()}
 */
public record BundleMetadata(
    int formatVersion,
    String createdAt,
    ArchitecturePreset preset,
    List<String> experts,
    String gateInputs,
    int networkStateDim,
    Map<Modality, Integer> featureDims,
    Map<Modality, Integer> sequenceLengths,
    String taskLoss,
    double lambda,
    String costSelector,
    Map<String, GateExpertCost> costs,
    String datasetName,
    String datasetFingerprint,
    Map<String, Double> metrics,
    Map<String, Double> usageShares,
    Map<String, List<String>> parameterShapes,
    List<String> routable,
    GateMetadata fullGate,
    Deployment deployment,
    EngineSettings engine) {

  /** The FULL-input gate beside the bundle's main gate, when there is one. */
  public java.util.Optional<GateMetadata> full() {
    return java.util.Optional.ofNullable(fullGate);
  }

  /** How the gate was chosen; empty for bundles written before deploy rules. */
  public Optional<Deployment> deployed() {
    return Optional.ofNullable(deployment);
  }

  /** The rule the gate was chosen by; for bundles written before deploy rules, {@code ByLambda(lambda)}. */
  public DeployRule deployRule() {
    return deployed().map(Deployment::rule).orElseGet(() -> new DeployRule.ByLambda(lambda));
  }

  /** The engine the bundle was trained on; empty for bundles written before it was recorded. */
  public Optional<EngineSettings> engineSettings() {
    return Optional.ofNullable(engine);
  }

  /**
   * A second gate over the same experts.
   *
   * @param file its parameter file in the bundle
   * @param gateInputs modality set it reads, canonical name
   * @param networkStateDim its dense-feature length
   * @param lambda the cost weight λ it was trained with
   * @param costSelector cost component of its loss
   * @param costs per expert the cost its loss used
   * @param metrics named evaluation numbers, as for the main gate
   * @param usageShares per expert the share of evaluated samples it routed there
   * @param parameterShapes "name=shape" of every parameter of the gate
   */
  public record GateMetadata(
      String file,
      String gateInputs,
      int networkStateDim,
      double lambda,
      String costSelector,
      Map<String, GateExpertCost> costs,
      Map<String, Double> metrics,
      Map<String, Double> usageShares,
      List<String> parameterShapes) {}
}
