package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.isacemu.core.modality.ModalitySet;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import io.isacemu.core.validation.Check;

/**
 * A gated model on disk: {@code metadata.json}, {@code gate.params}, {@code expert-<i>.params}
 * (DJL parameter streams) and {@code MANIFEST.sha256} ({@code <hex sha-256>  <file>} per line,
 * written last). Saving writes into a temporary sibling directory, then renames it atomically onto
 * the target, so a reader never sees a half-written bundle. Loading verifies every checksum, the
 * metadata and every parameter name and shape against the architecture rebuilt from the metadata;
 * anything else is refused with a {@link BundleException} (a model the caller already holds is
 * untouched).
 */
public final class ModelBundle {

  static final String MANIFEST = "MANIFEST.sha256";
  static final String METADATA = "metadata.json";
  static final String GATE = "gate.params";
  static final String FULL_GATE = "gate-full.params";
  static final int FORMAT_VERSION = 1;

  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private ModelBundle() {}

  static String expertFile(int i) {
    return "expert-" + i + ".params";
  }

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
    fullGate.ifPresent(f -> sameExperts(model, f.model()));
    Path abs = target.toAbsolutePath();
    if (Files.exists(abs)) {
      throw new BundleException("bundle: target " + abs + " already exists; choose a new directory");
    }
    Path tmp = null;
    try {
      Files.createDirectories(abs.getParent());
      tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(GATE, TrainingJob.snapshot(model.block().gate()));
      if (fullGate.isPresent()) {
        files.put(FULL_GATE, TrainingJob.snapshot(fullGate.get().model().block().gate()));
      }
      for (int i = 0; i < model.block().experts().size(); i++) {
        files.put(expertFile(i), TrainingJob.snapshot(model.block().experts().get(i)));
      }
      files.put(METADATA, GSON.toJson(metadata(model, datasetName, datasetFingerprint, evaluation, fullGate, clock))
          .getBytes(StandardCharsets.UTF_8));
      StringBuilder manifest = new StringBuilder();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        write(tmp.resolve(f.getKey()), f.getValue());
        manifest.append(sha256(f.getValue())).append("  ").append(f.getKey()).append('\n');
      }
      write(tmp.resolve(MANIFEST), manifest.toString().getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      return abs;
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(tmp);
      throw new BundleException("bundle: target " + abs + " appeared while writing; not overwritten", e);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new BundleException("bundle: cannot write " + abs + ": " + e.getMessage(), e);
    }
  }

  private static void sameExperts(GatedModel a, GatedModel b) {
    ModelDescription da = a.description();
    ModelDescription db = b.description();
    if (!da.experts().equals(db.experts()) || !da.routable().equals(db.routable())
        || !da.featureDims().equals(db.featureDims()) || da.sequenceLength() != db.sequenceLength()
        || da.preset() != db.preset() && !da.preset().equals(db.preset()) || da.taskLoss() != db.taskLoss()) {
      throw new IllegalArgumentException("fullGate: its model's experts/architecture differ from the main gate's");
    }
    for (int i = 0; i < da.experts().size(); i++) {
      if (!java.util.Arrays.equals(TrainingJob.snapshot(a.block().experts().get(i)),
          TrainingJob.snapshot(b.block().experts().get(i)))) {
        throw new IllegalArgumentException("fullGate: expert " + da.expertNames().get(i)
            + " has other parameters than the main gate's (fine-tuned separately?); a bundle stores the experts once");
      }
    }
  }

  private static Map<String, Double> metrics(GatedEvaluation ev) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("acc2HasZero", ev.metrics().acc2HasZero());
    metrics.put("acc2NonZero", ev.metrics().acc2NonZero());
    metrics.put("f1Weighted", ev.metrics().f1Weighted());
    metrics.put("acc7", ev.metrics().acc7());
    metrics.put("mae", ev.metrics().mae());
    metrics.put("pearson", ev.metrics().pearson());
    metrics.put("taskLoss", ev.taskLoss());
    metrics.put("objective", ev.objective());
    metrics.put("expectedNormalisedCost", ev.routing().expectedNormalisedCost());
    metrics.put("expectedLatencySeconds", ev.routing().expected().latencySeconds());
    metrics.put("expectedEnergyJoules", ev.routing().expected().energyJoules());
    metrics.put("expectedBits", ev.routing().expected().bits());
    metrics.put("expectedFlops", ev.routing().expected().flops());
    return metrics;
  }

  private static Map<String, GateExpertCost> costs(ModelDescription d) {
    Map<String, GateExpertCost> costs = new LinkedHashMap<>();
    for (String name : d.expertNames()) {
      costs.put(name, d.costs().of(name));
    }
    return costs;
  }

  private static BundleMetadata metadata(
      GatedModel model, String datasetName, String fingerprint, GatedEvaluation ev, Optional<FullGate> fullGate,
      Clock clock) {
    ModelDescription d = model.description();
    Map<String, Double> metrics = metrics(ev);
    Map<String, Double> shares = new LinkedHashMap<>(ev.routing().usageShares());
    Map<String, List<String>> shapes = new LinkedHashMap<>();
    shapes.put("gate", shapes(model.block().gate()));
    for (int i = 0; i < model.block().experts().size(); i++) {
      shapes.put("expert" + i, shapes(model.block().experts().get(i)));
    }
    Map<String, GateExpertCost> costs = costs(d);
    BundleMetadata.GateMetadata full = fullGate.map(f -> {
      ModelDescription fd = f.model().description();
      return new BundleMetadata.GateMetadata(FULL_GATE, fd.gateInputs().name(), fd.networkStateDim(), fd.lambda(),
          fd.costs().selector().name(), costs(fd), metrics(f.evaluation()),
          new LinkedHashMap<>(f.evaluation().routing().usageShares()), shapes(f.model().block().gate()));
    }).orElse(null);
    return new BundleMetadata(
        FORMAT_VERSION, clock.instant().toString(), d.preset(), d.expertNames(), d.gateInputs().name(),
        d.networkStateDim(), d.featureDims(), d.sequenceLength(), d.taskLoss().name(), d.lambda(),
        d.costs().selector().name(), costs, datasetName, fingerprint, metrics, shares, shapes,
        d.routable().stream().map(ModalitySet::name).toList(), full);
  }

  static List<String> shapes(Block block) {
    List<String> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getKey() + "=" + p.getValue().getArray().getShape());
    }
    return out;
  }

  /** Reads and validates only the metadata (checksums included). */
  public static BundleMetadata readMetadata(Path dir) {
    Map<String, byte[]> files = verified(dir);
    return parse(files.get(METADATA));
  }

  /**
   * Loads a bundle written by {@link #save}.
   *
   * @throws BundleException naming the problem when the bundle is partial, corrupt or does not match
   *     its architecture
   */
  public static GatedModel load(Path dir) {
    Map<String, byte[]> files = verified(dir);
    BundleMetadata meta = parse(files.get(METADATA));
    return build(dir, files, meta, description(dir, meta, meta.gateInputs(), meta.networkStateDim(), meta.lambda(),
        meta.costSelector(), meta.costs()), GATE, meta.parameterShapes() == null ? null : meta.parameterShapes().get("gate"));
  }

  /**
   * Loads a bundle's main gate and, when the bundle has one ({@code fullGate} in the metadata), its
   * FULL-input gate, each as a {@link GatedModel} with its own copy of the experts. Bundles with one
   * gate load with an empty {@link BundleGates#fullGate()}.
   *
   * @throws BundleException as {@link #load}
   */
  public static BundleGates loadAll(Path dir) {
    Map<String, byte[]> files = verified(dir);
    BundleMetadata meta = parse(files.get(METADATA));
    GatedModel main = build(dir, files, meta, description(dir, meta, meta.gateInputs(), meta.networkStateDim(),
        meta.lambda(), meta.costSelector(), meta.costs()), GATE,
        meta.parameterShapes() == null ? null : meta.parameterShapes().get("gate"));
    if (meta.full().isEmpty()) {
      return new BundleGates(main, Optional.empty());
    }
    try {
      BundleMetadata.GateMetadata f = meta.full().get();
      if (!FULL_GATE.equals(f.file())) {
        throw new BundleException("bundle: fullGate.file '" + f.file() + "' is not " + FULL_GATE);
      }
      GatedModel full = build(dir, files, meta, description(dir, meta, f.gateInputs(), f.networkStateDim(),
          f.lambda(), f.costSelector(), f.costs()), FULL_GATE, f.parameterShapes());
      return new BundleGates(main, Optional.of(full));
    } catch (RuntimeException e) {
      main.close();
      throw e;
    }
  }

  private static ModelDescription description(Path dir, BundleMetadata meta, String gateInputs, int stateDim,
      double lambda, String selector, Map<String, GateExpertCost> costMap) {
    try {
      List<ModalitySet> experts = meta.experts().stream().map(ModalitySet::parse).toList();
      GateCostTable costs = new GateCostTable(costMap, CostMetric.valueOf(selector));
      List<ModalitySet> routable = meta.routable() == null
          ? experts : meta.routable().stream().map(ModalitySet::parse).toList();
      return new ModelDescription(
          meta.preset(), experts, ModalitySet.parse(gateInputs), stateDim,
          meta.featureDims(), meta.sequenceLength(), TaskLoss.valueOf(meta.taskLoss()), lambda, costs,
          routable);
    } catch (RuntimeException e) {
      throw new BundleException("bundle: invalid metadata in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static GatedModel build(Path dir, Map<String, byte[]> files, BundleMetadata meta, ModelDescription d,
      String gateFile, List<String> gateShapes) {
    GatedModel model = GatedModel.create(d);
    try {
      load(model.block().gate(), model, gateFile, gateShapes, files);
      for (int i = 0; i < d.experts().size(); i++) {
        load(model.block().experts().get(i), model, expertFile(i),
            meta.parameterShapes() == null ? null : meta.parameterShapes().get("expert" + i), files);
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static void load(
      Block block, GatedModel model, String file, List<String> declared, Map<String, byte[]> files) {
    List<String> expected = shapes(block);
    if (!expected.equals(declared)) {
      throw new BundleException(
          "bundle: architecture mismatch for " + file + ": metadata declares " + declared + ", rebuilt " + expected);
    }
    byte[] bytes = files.get(file);
    if (bytes == null) {
      throw new BundleException("bundle: " + file + " is not listed in " + MANIFEST);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      block.loadParameters(model.model().getNDManager(), in);
      if (in.read() != -1) {
        throw new BundleException("bundle: trailing bytes after the parameters in " + file);
      }
    } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
      if (e instanceof BundleException be) {
        throw be;
      }
      throw new BundleException("bundle: cannot read parameters from " + file + ": " + e.getMessage(), e);
    }
    if (!shapes(block).equals(expected)) {
      throw new BundleException("bundle: parameter shapes in " + file + " do not match the architecture: " + shapes(block));
    }
  }

  private static BundleMetadata parse(byte[] json) {
    try {
      BundleMetadata m = GSON.fromJson(new String(json, StandardCharsets.UTF_8), BundleMetadata.class);
      if (m == null || m.formatVersion() != FORMAT_VERSION) {
        throw new BundleException(
            "bundle: unsupported formatVersion " + (m == null ? "none" : m.formatVersion()) + " (expected " + FORMAT_VERSION + ")");
      }
      return m;
    } catch (JsonParseException | IllegalArgumentException e) {
      throw new BundleException("bundle: " + METADATA + " is not valid: " + e.getMessage(), e);
    }
  }

  /** Reads every file listed in the manifest and checks its SHA-256; the required files must be listed. */
  private static Map<String, byte[]> verified(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BundleException("bundle: " + dir + " is not a directory");
    }
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new BundleException("bundle: " + dir + " is partial: " + MANIFEST + " is missing");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split("  ", 2);
        if (parts.length != 2 || parts[1].contains("/") || parts[1].contains("\\")) {
          throw new BundleException("bundle: malformed manifest line '" + line + "'");
        }
        Path f = dir.resolve(parts[1]);
        if (!Files.isRegularFile(f)) {
          throw new BundleException("bundle: " + dir + " is partial: " + parts[1] + " is missing");
        }
        byte[] bytes = Files.readAllBytes(f);
        if (!sha256(bytes).equals(parts[0])) {
          throw new BundleException("bundle: checksum mismatch for " + parts[1] + " (file corrupt or truncated)");
        }
        files.put(parts[1], bytes);
      }
    } catch (IOException e) {
      throw new BundleException("bundle: cannot read " + dir + ": " + e.getMessage(), e);
    }
    for (String required : List.of(METADATA, GATE)) {
      if (!files.containsKey(required)) {
        throw new BundleException("bundle: " + required + " is not listed in " + MANIFEST);
      }
    }
    return files;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a leftover hidden temp directory is harmless
    }
  }

}
