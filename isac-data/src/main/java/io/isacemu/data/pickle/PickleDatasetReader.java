package io.isacemu.data.pickle;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.ArraySplit;
import io.isacemu.data.DatasetSummary;
import io.isacemu.data.LoadReport;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.SplitSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads CMU-MOSEI/MOSI feature pickles as the community distributes them, without executing
 * anything (only numpy array globals are resolved, see {@link SafeUnpickler}).
 *
 * <p>Layouts (detected per file): <b>MultiBench/MulT</b> ({@code mosei_senti_data.pkl}): {@code
 * {train|valid|test: {vision (N,T,35), audio (N,T,74), text (N,T,300), labels (N,1,1), id}}};
 * <b>MMSA</b> ({@code aligned_50.pkl}, {@code unaligned_50.pkl}): per split {@code text} (or, when
 * absent, {@code text_bert} (N,3,T) token ids/mask/segments, read as (N,T,3)), {@code audio}, {@code
 * vision}, {@code regression_labels} (N), {@code id}, optional {@code audio_lengths}/{@code
 * vision_lengths} (checked to lie in [0, T_m]; padded steps stay as stored). Unaligned data keeps
 * each modality's own {@code T_m} ({@link io.isacemu.data.MultimodalSplit#sequenceLength(Modality)}).
 *
 * <p>Dirt: {@code -inf}, {@code +inf} (including float64 values beyond the float32 range) and NaN
 * feature values are replaced by 0 and counted per modality in the {@link LoadReport}; non-finite
 * labels are an error. Any wrong key, shape or dimension is an {@link IllegalArgumentException}
 * naming the key and the shape found vs expected; a truncated or corrupt file is an {@code
 * IllegalArgumentException} too, and no partial dataset is ever returned.
 *
 * <p>Memory: array payloads are decoded from the stream straight into their final {@code float[]}
 * (see {@link SafeUnpickler}), which the splits then use without copying; peak heap is about the
 * float32 size of the features.
 */
public final class PickleDatasetReader {

  /** The two supported layouts. */
  public enum Layout {
    MULTIBENCH,
    MMSA
  }

  static final String[] SPLITS = {"train", "valid", "test"};

  private PickleDatasetReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws IOException when the file cannot be opened
   * @throws IllegalArgumentException when its content is not a supported, complete dataset pickle
   */
  public static MultimodalDataset read(Path file, ReadOptions options) throws IOException {
    return read(file, options, true);
  }

  /**
   * Reads {@code file} labels-only: the same checks, refusals, dropped samples, report and
   * fingerprint as {@link #read}, but the feature arrays are streamed over (each sample's features
   * digested, see {@link io.isacemu.data.FeatureDigest}) and never stored, so the heap needed is
   * about that of the ids and labels.
   *
   * @throws IOException when the file cannot be opened
   * @throws IllegalArgumentException when its content is not a supported, complete dataset pickle
   */
  public static DatasetSummary readSummary(Path file, ReadOptions options) throws IOException {
    Object root = load(file, options, SafeUnpickler.Payloads.DIGEST_FEATURES);
    return summaryFromPickle(root, file.getFileName().toString(), options);
  }

  /**
   * Reads {@code file} keeping only modality {@code keep}'s features (what one device serves): the
   * same checks, refusals, dropped samples and report as {@link #read}, and the same fingerprint
   * (the other modalities are streamed over and digested, see {@link #readSummary}), but a dataset
   * whose splits hold {@code keep} alone, so the heap needed is about that modality's payload.
   *
   * @throws IOException when the file cannot be opened
   * @throws IllegalArgumentException when its content is not a supported, complete dataset pickle
   * @throws IllegalStateException when the file's layout hides which dict key an array belongs to
   *     (then {@link #read} is the way to load it)
   */
  public static MultimodalDataset readModality(Path file, ReadOptions options, Modality keep) throws IOException {
    if (options == null) {
      throw new IllegalArgumentException("options: is required (was null)");
    }
    java.util.Set<String> keys = switch (keep) {
      case VIDEO -> java.util.Set.of("vision");
      case AUDIO -> java.util.Set.of("audio");
      case TEXT -> java.util.Set.of("text", "text_bert");
    };
    Object root;
    try (InputStream in = Files.newInputStream(file)) {
      root = PickleLoader.load(in, file.getFileName().toString(), SafeUnpickler.Payloads.KEEP_KEYS, keys);
    }
    return ModalityReader.fromPickle(root, file.getFileName().toString(), options, keep);
  }

  /** The dataset summary in a {@code root} unpickled with {@link SafeUnpickler.Payloads#DIGEST_FEATURES}. */
  static DatasetSummary summaryFromPickle(Object root, String name, ReadOptions options) {
    SplitSummary[] splits = new SplitSummary[3];
    DirtCounts counts = new DirtCounts();
    Layout layout = eachSplit(root, name, options, (s, split, l, firstLayout) ->
        splits[s] = SplitSummarizer.summarize(SPLITS[s], split, l, options, counts, firstLayout));
    return DatasetSummary.of(name + " (" + layout + ")", splits[0], splits[1], splits[2], counts.report());
  }

  /** {@code streamArrays = false}: plain Pyrolite payload handling, for the memory comparison only. */
  static MultimodalDataset read(Path file, ReadOptions options, boolean streamArrays)
      throws IOException {
    Object root = load(file, options, streamArrays ? SafeUnpickler.Payloads.DECODE : SafeUnpickler.Payloads.PLAIN);
    return fromPickle(root, file.getFileName().toString(), options);
  }

  private static Object load(Path file, ReadOptions options, SafeUnpickler.Payloads payloads) throws IOException {
    if (options == null) {
      throw new IllegalArgumentException("options: is required (was null)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return PickleLoader.load(in, file.getFileName().toString(), payloads);
    }
  }

  /** Receives split {@code s}'s dict, its layout and the first split's modality layouts. */
  interface SplitVisitor {
    void visit(int s, Map<?, ?> split, Layout layout, Map<Modality, int[]> firstLayout);
  }

  /**
   * Visits train, valid and test of {@code root} (file {@code name}); every split must have train's
   * layout, returned, and it must be {@code options}' expected layout when one is given.
   */
  static Layout eachSplit(Object root, String name, ReadOptions options, SplitVisitor visitor) {
    Map<?, ?> top = PickleArrays.asMap(root, "top level");
    Layout layout = null;
    Map<Modality, int[]> firstLayout = new EnumMap<>(Modality.class);
    for (int s = 0; s < 3; s++) {
      String key = options.splitKey(SPLITS[s]);
      Object v = top.get(key);
      if (v == null) {
        throw new IllegalArgumentException("key '" + key + "'" + (key.equals(SPLITS[s]) ? "" : " (split " + SPLITS[s] + ")")
            + " missing at top level (found keys " + PickleArrays.keys(top) + ")");
      }
      Map<?, ?> split = PickleArrays.asMap(v, SPLITS[s]);
      Layout l = split.containsKey("regression_labels") ? Layout.MMSA : Layout.MULTIBENCH;
      if (layout != null && l != layout) {
        throw new IllegalArgumentException(
            SPLITS[s] + ": layout " + l + " differs from train's " + layout);
      }
      if (layout == null && options.expectedLayout().filter(e -> e != l).isPresent()) {
        throw new IllegalArgumentException(name + ": " + SPLITS[s] + " has the " + l + " layout ("
            + (l == Layout.MMSA ? "key 'regression_labels'" : "no key 'regression_labels'") + ") but format "
            + options.expectedLayout().get().name().toLowerCase(java.util.Locale.ROOT) + " was given");
      }
      layout = l;
      visitor.visit(s, split, l, firstLayout);
    }
    return layout;
  }

  /** The dataset in an unpickled {@code root}; every split must have train's layout. */
  static MultimodalDataset fromPickle(Object root, String name, ReadOptions options) {
    DirtCounts counts = new DirtCounts();
    ArraySplit[] splits = new ArraySplit[3];
    Layout layout = eachSplit(root, name, options, (s, split, l, firstLayout) ->
        splits[s] = SplitReader.read(SPLITS[s], split, l, options, counts, firstLayout));
    return MultimodalDataset.of(
        name + " (" + layout + ")", splits[0], splits[1], splits[2], counts.report());
  }
}
