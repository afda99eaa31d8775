package io.isacemu.training.engine;

import io.isacemu.core.validation.Check;
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
   * A CMU-MOSEI/MOSI feature pickle as the community distributes it.
   *
   * @param path pickle file on the service's file system
   * @param format layout of the pickle
   * @param dropAllZeroText drop samples whose text features are all zero (padding-only)
   */
  record PickleFile(Path path, PickleFormat format, boolean dropAllZeroText) implements DatasetSpec {
    public PickleFile {
      Check.present("dataset.path", path);
      Check.present("dataset.format", format);
    }
  }

  /** Pickle layouts understood by the data loader. */
  enum PickleFormat {
    /** MultiBench / MulT aligned pickles. */
    MULTIBENCH,
    /** MMSA unaligned pickles. */
    MMSA
  }
}
