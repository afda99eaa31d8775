package io.isacemu.data;

import io.isacemu.data.pickle.PickleDatasetReader;
import io.isacemu.data.pickle.ReadOptions;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticDataset;
import io.isacemu.data.synthetic.SyntheticProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which dataset a service serves: the seeded synthetic generator or a feature pickle. One record for
 * the BS and the devices, so that both load the same data from the same keys (the BS then compares
 * fingerprints at Register). Every key may be left unset (bound as absent): it then takes the value of
 * the {@code profile}'s configuration ({@link SyntheticProfile#config()}; {@link
 * SyntheticConfig#defaults()} for the default profile), or the documented default below.
 *
 * @param source {@code synthetic} (default) or {@code pickle}
 * @param seed synthetic: generator seed (default 7)
 * @param trainSize synthetic: training samples, in [1, 1e6] (default 1200)
 * @param validSize synthetic: validation samples, in [1, 1e6] (default 300)
 * @param testSize synthetic: test samples, in [1, 1e6] (default 600; the ones tasks address)
 * @param sequenceLength synthetic: time steps T per sample, in [1, 1000] (default 20)
 * @param textOnlyShare synthetic: share of text-decisive samples, in [0, 1] (default 0.55)
 * @param avOnlyShare synthetic: share of video+audio-decisive samples, in [0, 1] (default 0.30)
 * @param misleadingTextShare synthetic: share of misleading text within the video+audio group, in [0, 1]
 * @param featureNoise synthetic: feature noise standard deviation, ≥ 0
 * @param labelNoise synthetic: label noise standard deviation, ≥ 0
 * @param path pickle: the file (MultiBench/MulT or MMSA layout, detected from its keys)
 * @param format pickle: the file's layout, {@code auto} (default: detected from its keys), {@code
 *     multibench} (MultiBench/MulT) or {@code mmsa}; a file of the other layout is refused
 * @param dropAllZeroText pickle: drop samples whose text is all zero, as MultiBench does (default false)
 * @param profile synthetic: {@code default} (default) or {@code paper} ({@link SyntheticProfile}): the
 *     generator's structure and the values unset keys take
 * @param featureDims pickle: {@code any} (default; any feature dims, the same in every split) or {@code
 *     mosei} (require video 35, audio 74, text 300)
 * @param clipLabels pickle: clip labels outside [−3, 3] to that range and count them (default false:
 *     such a label refuses the file, naming split, index and value)
 * @param splits pickle: the file's top-level key per split role ({@code train}, {@code valid}, {@code
 *     test}), e.g. {@code valid: dev}; roles not named keep their name (default: none renamed)
 */
public record DatasetSettings(
    String source,
    Long seed,
    Integer trainSize,
    Integer validSize,
    Integer testSize,
    Integer sequenceLength,
    Double textOnlyShare,
    Double avOnlyShare,
    Double misleadingTextShare,
    Double featureNoise,
    Double labelNoise,
    String path,
    String format,
    Boolean dropAllZeroText,
    String profile,
    String featureDims,
    Boolean clipLabels,
    Map<String, String> splits) {

  /** The embedded default: the synthetic generator with {@link SyntheticConfig#defaults()}. */
  public static final DatasetSettings DEFAULTS = synthetic(SyntheticConfig.defaults());

  public DatasetSettings {
    SyntheticProfile p = SyntheticProfile.parse(profile);
    profile = p.wireName();
    SyntheticConfig d = p.config();
    source = source == null || source.isBlank() ? "synthetic" : source.strip().toLowerCase(Locale.ROOT);
    seed = seed == null ? d.seed() : seed;
    trainSize = trainSize == null ? d.trainSize() : trainSize;
    validSize = validSize == null ? d.validSize() : validSize;
    testSize = testSize == null ? d.testSize() : testSize;
    sequenceLength = sequenceLength == null ? d.sequenceLength() : sequenceLength;
    textOnlyShare = textOnlyShare == null ? d.textOnlyShare() : textOnlyShare;
    avOnlyShare = avOnlyShare == null ? d.avOnlyShare() : avOnlyShare;
    misleadingTextShare = misleadingTextShare == null ? d.misleadingTextShare() : misleadingTextShare;
    featureNoise = featureNoise == null ? d.featureNoise() : featureNoise;
    labelNoise = labelNoise == null ? d.labelNoise() : labelNoise;
    path = path == null ? "" : path.strip();
    format = format == null || format.isBlank() ? "auto" : format.strip().toLowerCase(Locale.ROOT);
    featureDims = featureDims == null || featureDims.isBlank() ? "any" : featureDims.strip().toLowerCase(Locale.ROOT);
    dropAllZeroText = dropAllZeroText != null && dropAllZeroText;
    clipLabels = clipLabels != null && clipLabels;
    splits = ReadOptions.defaults().withSplitKeys(splits).splitKeys(); // validated, names the role
    switch (source) {
      case "synthetic" -> new SyntheticConfig(seed, trainSize, validSize, testSize, sequenceLength, textOnlyShare,
          avOnlyShare, misleadingTextShare, featureNoise, labelNoise, d.allTextAmplitude()); // validates, naming the field
      case "pickle" -> {
        if (path.isEmpty()) {
          throw new IllegalArgumentException("path: '' is required when source is pickle");
        }
        if (!List.of("auto", "multibench", "mmsa").contains(format)) {
          throw new IllegalArgumentException("format: '" + format + "' must be auto, multibench or mmsa"
              + (List.of("any", "mosei").contains(format) ? " (the feature-dimension check is now featureDims: "
              + format + ")" : ""));
        }
        if (!featureDims.equals("any") && !featureDims.equals("mosei")) {
          throw new IllegalArgumentException("featureDims: '" + featureDims + "' must be any or mosei");
        }
      }
      default -> throw new IllegalArgumentException("source: '" + source + "' must be synthetic or pickle");
    }
  }

  /**
   * The synthetic generator with {@code c}; its profile is the one whose structure ({@link
   * SyntheticConfig#allTextAmplitude()}) {@code c} has.
   *
   * @throws IllegalArgumentException when {@code c}'s structure is no profile's
   */
  public static DatasetSettings synthetic(SyntheticConfig c) {
    SyntheticProfile p = null;
    for (SyntheticProfile q : SyntheticProfile.values()) {
      if (q.config().allTextAmplitude() == c.allTextAmplitude()) {
        p = q;
      }
    }
    if (p == null) {
      throw new IllegalArgumentException("allTextAmplitude: " + c.allTextAmplitude()
          + " is no profile's (default 1, paper 0.5); the services' settings select the structure by profile");
    }
    return new DatasetSettings("synthetic", c.seed(), c.trainSize(), c.validSize(), c.testSize(), c.sequenceLength(),
        c.textOnlyShare(), c.avOnlyShare(), c.misleadingTextShare(), c.featureNoise(), c.labelNoise(), "", "auto",
        false, p.wireName(), "any", false, Map.of());
  }

  /** Whether the source is the synthetic generator (else a pickle file). */
  public boolean isSynthetic() {
    return source.equals("synthetic");
  }

  /** The synthetic generator's configuration (meaningful when {@link #isSynthetic()}). */
  public SyntheticConfig syntheticConfig() {
    return new SyntheticConfig(seed, trainSize, validSize, testSize, sequenceLength, textOnlyShare, avOnlyShare,
        misleadingTextShare, featureNoise, labelNoise, SyntheticProfile.parse(profile).config().allTextAmplitude());
  }

  /** The pickle reader's options (meaningful for {@code pickle}). */
  public ReadOptions readOptions() {
    ReadOptions o = ReadOptions.defaults().withDropAllZeroText(dropAllZeroText).withClipLabels(clipLabels)
        .withSplitKeys(splits);
    if (!format.equals("auto")) {
      o = o.withExpectedLayout(PickleDatasetReader.Layout.valueOf(format.toUpperCase(Locale.ROOT)));
    }
    return featureDims.equals("mosei") ? o.withExpectedFeatureDims(ReadOptions.MOSEI_DIMS) : o;
  }

  /**
   * Generates or reads the dataset.
   *
   * @throws IllegalStateException naming {@code path} when a pickle cannot be read
   */
  public MultimodalDataset load() {
    if (isSynthetic()) {
      return SyntheticDataset.generate(syntheticConfig());
    }
    Path file = Path.of(path);
    try {
      return PickleDatasetReader.read(file, readOptions());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("path: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a service that needs only ids, labels and layouts (the BS) loads: for a pickle a
   * labels-only read ({@link PickleDatasetReader#readSummary}, features never stored), for the
   * synthetic generator the summary of the generated data. Same fingerprint as {@link #load()}.
   *
   * @throws IllegalStateException naming {@code path} when a pickle cannot be read
   */
  public DatasetSummary loadSummary() {
    if (isSynthetic()) {
      return DatasetSummary.of(SyntheticDataset.generate(syntheticConfig()));
    }
    Path file = Path.of(path);
    try {
      return PickleDatasetReader.readSummary(file, readOptions());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("path: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a service that serves one modality (a device process whose devices all sense {@code m})
   * loads: for a pickle only {@code m}'s features ({@link PickleDatasetReader#readModality}, the
   * others streamed over and digested), for the synthetic generator the whole generated set (it is
   * small). Same fingerprint as {@link #load()}; a file whose layout does not show which key an
   * array is stored under is read whole.
   *
   * @throws IllegalStateException naming {@code path} when a pickle cannot be read
   */
  public MultimodalDataset loadModality(io.isacemu.core.modality.Modality m) {
    if (isSynthetic()) {
      return load();
    }
    Path file = Path.of(path);
    try {
      return PickleDatasetReader.readModality(file, readOptions(), m);
    } catch (IllegalStateException layoutHidesTheKey) {
      return load(); // same data and fingerprint, only more heap
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("path: cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
