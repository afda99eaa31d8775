package io.isacemu.data.pickle;

import io.isacemu.data.bench.LoadMemoryBenchmark;
import java.nio.file.Path;

/**
 * Memory comparison (not a test): loads FILE with array payloads handled as plain Pyrolite does
 * (read into a {@code byte[]}, memoized until the end) instead of the streaming decode. Run with
 * test classes on the class path: {@code java -Xmx8g -cp ... io.isacemu.data.pickle.PlainPyroliteLoadBenchmark FILE}.
 */
final class PlainPyroliteLoadBenchmark {

  private PlainPyroliteLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    LoadMemoryBenchmark.measure(
        Path.of(args[0]), f -> PickleDatasetReader.read(f, ReadOptions.defaults(), false));
  }
}
