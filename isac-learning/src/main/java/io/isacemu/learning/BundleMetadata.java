package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import java.util.List;
import java.util.Map;

/**
 * Contents of a bundle's {@code metadata.json}.
 *
 * @param formatVersion bundle format, currently 1
 * @param createdAt creation time, ISO-8601 UTC
 * @param preset architecture sizes
 * @param experts expert modality sets by canonical name, gate-output order
 * @param gateInputs modality set the gate reads, canonical name
 * @param networkStateDim gate dense-feature length
 * @param featureDims feature dimension per modality
 * @param sequenceLength time steps per sample
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
 */
public record BundleMetadata(
    int formatVersion,
    String createdAt,
    ArchitecturePreset preset,
    List<String> experts,
    String gateInputs,
    int networkStateDim,
    Map<Modality, Integer> featureDims,
    int sequenceLength,
    String taskLoss,
    double lambda,
    String costSelector,
    Map<String, ExpertCost> costs,
    String datasetName,
    String datasetFingerprint,
    Map<String, Double> metrics,
    Map<String, Double> usageShares,
    Map<String, List<String>> parameterShapes,
    List<String> routable) {}
