package io.isacemu.scenario.model;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.data.DatasetSettings;
import io.isacemu.data.synthetic.SyntheticConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Section {@code dataset}: key {@code source} picks the variant ({@code synthetic}, the default, or
 * {@code pickle}); each variant accepts only its own keys.
 */
public sealed interface DatasetSpec {

  /** The value of key {@code source}. */
  String source();

  /** Test samples when known before reading any file (synthetic); empty for a pickle. */
  Optional<Integer> testSize();

  /** The services' dataset record (isac-data), same keys on BS and devices. */
  DatasetSettings settings();

  /**
   * {@code source: synthetic}: the seeded CMU-MOSEI-shaped generator. Key {@code profile}: {@code
   * default} (the default) or {@code paper} ({@link io.isacemu.data.synthetic.SyntheticProfile}): the
   * generator's structure and the values of the keys left unset ({@link SyntheticConfig#paper()} for
   * {@code paper}). Keys and defaults of the default profile are those of
   * {@link SyntheticConfig#defaults()} (the embedded default of every service and of DemoLauncher's
   * job): {@code seed} 7, {@code trainSize} 1200, {@code validSize} 300, {@code testSize} 600 (each in
   * [1, 1e6]), {@code sequenceLength} 20 (in [1, 1000]), the profile {@code textOnlyShare} 0.55,
   * {@code avOnlyShare} 0.30 (each in [0, 1], sum ≤ 1), {@code misleadingTextShare} 0.5 (in [0, 1]),
   * {@code featureNoise} 0.5 (in [0, 10]), {@code labelNoise} 0.1 (in [0, 3]).
   */
  record Synthetic(SyntheticConfig config) implements DatasetSpec {

    public static final Synthetic DEFAULTS = new Synthetic(SyntheticConfig.defaults());

    public Synthetic {
      Check.present("config", config);
    }

    @Override
    public String source() {
      return "synthetic";
    }

    @Override
    public Optional<Integer> testSize() {
      return Optional.of(config.testSize());
    }

    @Override
    public DatasetSettings settings() {
      return DatasetSettings.synthetic(config);
    }
  }

  /**
   * {@code source: pickle}: a CMU-MOSEI/MOSI feature pickle.
   *
   * @param path the file, relative to the services' data directory ({@code isac.training.data-dir});
   *     required, not blank
   * @param format {@code auto} (default: detected from the file's keys, as isac-data does), {@code
   *     multibench} or {@code mmsa} (the training service's {@code dataset.format})
   * @param dropAllZeroText drop samples whose text is all zero, as MultiBench does; default false
   *     (isac-data DatasetSettings)
   */
  record Pickle(String path, PickleFormat format, boolean dropAllZeroText) implements DatasetSpec {

    public Pickle {
      Check.present("path", path);
      Check.present("format", format);
      if (path.isBlank()) {
        throw new InvalidFieldException("path", path,
            "'' is required when source is pickle");
      }
    }

    @Override
    public String source() {
      return "pickle";
    }

    @Override
    public Optional<Integer> testSize() {
      return Optional.empty();
    }

    @Override
    public DatasetSettings settings() {
      return new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null, path,
          format.wireName(), dropAllZeroText, null, null, null, null);
    }
  }

  /** Layout of a pickle file. */
  enum PickleFormat {
    AUTO, MULTIBENCH, MMSA;

    /** Name in the file: {@code auto}, {@code multibench}, {@code mmsa}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
