package io.isacemu.device.config;

import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.pickle.PickleDatasetReader;
import io.isacemu.data.pickle.ReadOptions;
import io.isacemu.data.synthetic.SyntheticDataset;
import java.io.IOException;
import java.nio.file.Path;

/** Loads the dataset a {@link DeviceProperties.Dataset} names. */
final class DatasetLoader {

  private DatasetLoader() {}

  /**
   * @throws IllegalStateException naming the path when a pickle cannot be read
   */
  static MultimodalDataset load(DeviceProperties.Dataset spec) {
    if (spec.synthetic()) {
      return SyntheticDataset.generate(spec.syntheticConfig());
    }
    ReadOptions options = ReadOptions.defaults().withDropAllZeroText(spec.dropAllZeroText());
    if (spec.moseiDims()) {
      options = options.withExpectedFeatureDims(ReadOptions.MOSEI_DIMS);
    }
    Path path = Path.of(spec.path());
    try {
      return PickleDatasetReader.read(path, options);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("isacemu.device.dataset.path: cannot read " + path + ": "
          + e.getMessage(), e);
    }
  }
}
