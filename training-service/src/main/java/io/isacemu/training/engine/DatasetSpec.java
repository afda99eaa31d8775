package io.isacemu.training.engine;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.data.DatasetSettings;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.data.synthetic.SyntheticProfile;
import java.nio.file.Path;

/** Where a job's data comes from: the seeded synthetic MOSEI-like set, or a pickle file. */
public sealed interface DatasetSpec {

  /**
   * The embedded seeded synthetic dataset shaped like CMU-MOSEI (same seed ⇒ same data).
   *
   * @param seed generator seed
   * @param trainSize training samples, ≥ 1
   * @param validSize validation samples, ≥ 1
   * @param testSize test samples, ≥ 1
   * @param sequenceLength time steps per sample, ≥ 1, the same for every modality: the generator is
   *     aligned by construction (a pickle job takes each modality's own T_m from the file)
   * @param profile the generator's profile (structure and evidence shares): {@code default} or {@code paper}
   */
  record Synthetic(long seed, int trainSize, int validSize, int testSize, int sequenceLength, SyntheticProfile profile)
      implements DatasetSpec {
    public Synthetic {
      Check.positive("dataset.trainSize", trainSize);
      Check.positive("dataset.validSize", validSize);
      Check.positive("dataset.testSize", testSize);
      Check.positive("dataset.sequenceLength", sequenceLength);
      Check.present("dataset.profile", profile);
    }

    /** The default profile. */
    public Synthetic(long seed, int trainSize, int validSize, int testSize, int sequenceLength) {
      this(seed, trainSize, validSize, testSize, sequenceLength, SyntheticProfile.DEFAULT);
    }

    /** The generator's configuration. */
    public SyntheticConfig config() {
      return profile.config().withSeed(seed).withSizes(trainSize, validSize, testSize).withSequenceLength(sequenceLength);
    }
  }

  /**
   * A CMU-MOSEI/MOSI feature pickle as the community distributes it, read with the same shared
   * settings record the BS and the devices use (so that the three fingerprints agree).
   *
   * @param settings {@code source: pickle}, with {@code path} resolved on the service's file system;
   *     its {@code format} ({@code auto}, {@code multibench} or {@code mmsa}) is checked against the
   *     file's keys
   */
  record PickleFile(DatasetSettings settings) implements DatasetSpec {
    public PickleFile {
      Check.present("dataset", settings);
      if (settings.isSynthetic()) {
        throw new InvalidFieldException("dataset.type", settings.source(), "a pickle dataset needs source pickle");
      }
    }

    /** The file. */
    public Path path() {
      return Path.of(settings.path());
    }
  }
}
