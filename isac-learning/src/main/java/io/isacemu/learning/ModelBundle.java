package io.isacemu.learning;

import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.deploy.Deployment;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gated model on disk: {@code metadata.json}, {@code gate.params}, {@code expert-<i>.params}
 * (DJL parameter streams) and {@code MANIFEST.sha256} ({@code <hex sha-256>  <file>} per line,
 * written last). Saving writes into a temporary sibling directory, then renames it atomically onto
 * the target, so a reader never sees a half-written bundle. Loading verifies every checksum, the
 * metadata and every parameter name and shape against the architecture rebuilt from the metadata;
 * anything else is refused with a {@link BundleException} (a model the caller already holds is
 * untouched).
 *
 * <p>The directory and its manifest are {@link BundleFiles}'s, the metadata JSON {@link
 * BundleMetadataCodec}'s; this class puts the models in and takes them out.
 */
public final class ModelBundle {

  private ModelBundle() {}

  /**
   * Writes {@code model} to the new directory {@code target} atomically.
   *
   * @param datasetName name of the training dataset
   * @param datasetFingerprint hex SHA-256 of the training dataset
   * @param evaluation evaluation to record (metrics and usage shares), e.g. on the validation split
   * @param clock source of the creation time
   * @return {@code target}
   * @throws BundleException when {@code target} exists or writing fails
   */
  public static Path save(
      GatedModel model, Path target, String datasetName, String datasetFingerprint,
      GatedEvaluation evaluation, Clock clock) {
    return save(model, evaluation, Optional.empty(), target, datasetName, datasetFingerprint, clock);
  }

  /**
   * A FULL-input gate to store beside a bundle's main (cheap) gate.
   *
   * @param model a gated model over the same experts, with the same expert parameters
   * @param evaluation its evaluation to record
   */
  public record FullGate(GatedModel model, GatedEvaluation evaluation) {
    public FullGate {
      Check.present("model", model);
      Check.present("evaluation", evaluation);
    }
  }

  /**
   * Writes {@code model} and, when given, a FULL-input gate beside it ({@code gate-full.params},
   * described under {@code fullGate} in the metadata) to the new directory {@code target}
   * atomically. The experts are stored once.
   *
   * @throws IllegalArgumentException when the full gate's model has other experts (architecture or
   *     parameters: e.g. fine-tuned separately) than {@code model}
   * @throws BundleException when {@code target} exists or writing fails
   */
  public static Path save(
      GatedModel model, GatedEvaluation evaluation, Optional<FullGate> fullGate, Path target, String datasetName,
      String datasetFingerprint, Clock clock) {
    return save(model, evaluation, fullGate, Optional.empty(), target, datasetName, datasetFingerprint, clock);
  }

  /**
   * As {@link #save(GatedModel, GatedEvaluation, Optional, Path, String, String, Clock)}, recording
   * how the gate was chosen ({@code deployment} in the metadata; empty: a bundle read as chosen by
   * its λ). Every bundle records the engine's versions and thread counts.
   */
  public static Path save(
      GatedModel model, GatedEvaluation evaluation, Optional<FullGate> fullGate, Optional<Deployment> deployment,
      Path target, String datasetName, String datasetFingerprint, Clock clock) {
    fullGate.ifPresent(f -> sameExperts(model, f.model()));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(BundleFiles.GATE, BlockParams.snapshot(model.block().gate()));
    if (fullGate.isPresent()) {
      files.put(BundleFiles.FULL_GATE, BlockParams.snapshot(fullGate.get().model().block().gate()));
    }
    for (int i = 0; i < model.block().experts().size(); i++) {
      files.put(BundleFiles.expertFile(i), BlockParams.snapshot(model.block().experts().get(i)));
    }
    files.put(BundleFiles.METADATA,
        BundleMetadataCodec.encode(model, datasetName, datasetFingerprint, evaluation, fullGate, deployment, clock));
    return BundleFiles.writeAtomically(target, files);
  }

  private static void sameExperts(GatedModel a, GatedModel b) {
    ModelDescription da = a.description();
    ModelDescription db = b.description();
    if (!da.experts().equals(db.experts()) || !da.routable().equals(db.routable())
        || !da.featureDims().equals(db.featureDims()) || !da.sequenceLengths().equals(db.sequenceLengths())
        || da.preset() != db.preset() && !da.preset().equals(db.preset()) || da.taskLoss() != db.taskLoss()) {
      throw new IllegalArgumentException("fullGate: its model's experts/architecture differ from the main gate's");
    }
    for (int i = 0; i < da.experts().size(); i++) {
      if (!Arrays.equals(BlockParams.snapshot(a.block().experts().get(i)),
          BlockParams.snapshot(b.block().experts().get(i)))) {
        throw new IllegalArgumentException("fullGate: expert " + da.expertNames().get(i)
            + " has other parameters than the main gate's (fine-tuned separately?); a bundle stores the experts once");
      }
    }
  }

  /** Reads and validates only the metadata (checksums included). */
  public static BundleMetadata readMetadata(Path dir) {
    Map<String, byte[]> files = BundleFiles.verified(dir);
    return BundleMetadataCodec.decode(files.get(BundleFiles.METADATA));
  }

  /**
   * Loads a bundle written by {@link #save}.
   *
   * @throws BundleException naming the problem when the bundle is partial, corrupt or does not match
   *     its architecture
   */
  public static GatedModel load(Path dir) {
    Map<String, byte[]> files = BundleFiles.verified(dir);
    return mainGate(dir, files, BundleMetadataCodec.decode(files.get(BundleFiles.METADATA)));
  }

  /**
   * Loads a bundle's main gate and, when the bundle has one ({@code fullGate} in the metadata), its
   * FULL-input gate, each as a {@link GatedModel} with its own copy of the experts. Bundles with one
   * gate load with an empty {@link BundleGates#fullGate()}.
   *
   * @throws BundleException as {@link #load}
   */
  public static BundleGates loadAll(Path dir) {
    Map<String, byte[]> files = BundleFiles.verified(dir);
    BundleMetadata meta = BundleMetadataCodec.decode(files.get(BundleFiles.METADATA));
    GatedModel main = mainGate(dir, files, meta);
    if (meta.full().isEmpty()) {
      return new BundleGates(main, Optional.empty(), meta);
    }
    try {
      BundleMetadata.GateMetadata f = meta.full().get();
      if (!BundleFiles.FULL_GATE.equals(f.file())) {
        throw new BundleException("bundle: fullGate.file '" + f.file() + "' is not " + BundleFiles.FULL_GATE);
      }
      GatedModel full = build(files, meta, BundleMetadataCodec.fullGate(dir, meta, f), BundleFiles.FULL_GATE,
          f.parameterShapes());
      return new BundleGates(main, Optional.of(full), meta);
    } catch (RuntimeException e) {
      main.close();
      throw e;
    }
  }

  private static GatedModel mainGate(Path dir, Map<String, byte[]> files, BundleMetadata meta) {
    return build(files, meta, BundleMetadataCodec.mainGate(dir, meta), BundleFiles.GATE, declaredShapes(meta, "gate"));
  }

  private static List<String> declaredShapes(BundleMetadata meta, String block) {
    return meta.parameterShapes() == null ? null : meta.parameterShapes().get(block);
  }

  private static GatedModel build(Map<String, byte[]> files, BundleMetadata meta, ModelDescription d,
      String gateFile, List<String> gateShapes) {
    GatedModel model = GatedModel.create(d);
    try {
      load(model.block().gate(), model, gateFile, gateShapes, files);
      for (int i = 0; i < d.experts().size(); i++) {
        load(model.block().experts().get(i), model, BundleFiles.expertFile(i), declaredShapes(meta, "expert" + i),
            files);
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static void load(
      Block block, GatedModel model, String file, List<String> declared, Map<String, byte[]> files) {
    List<String> expected = BundleMetadataCodec.shapes(block);
    if (!expected.equals(declared)) {
      throw new BundleException(
          "bundle: architecture mismatch for " + file + ": metadata declares " + declared + ", rebuilt " + expected);
    }
    byte[] bytes = files.get(file);
    if (bytes == null) {
      throw new BundleException("bundle: " + file + " is not listed in " + BundleFiles.MANIFEST);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      block.loadParameters(model.model().getNDManager(), in);
      if (in.read() != -1) {
        throw new BundleException("bundle: trailing bytes after the parameters in " + file);
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      if (e instanceof BundleException be) {
        throw be;
      }
      throw new BundleException("bundle: cannot read parameters from " + file + ": " + e.getMessage(), e);
    }
    if (!BundleMetadataCodec.shapes(block).equals(expected)) {
      throw new BundleException(
          "bundle: parameter shapes in " + file + " do not match the architecture: " + BundleMetadataCodec.shapes(block));
    }
  }
}
