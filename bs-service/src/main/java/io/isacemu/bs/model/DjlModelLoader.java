package io.isacemu.bs.model;

import io.isacemu.learning.ModelBundle;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads isac-learning bundles ({@link ModelBundle#loadAll}: the main gate and, when present, the FULL gate); every model it loads shares ONE inference
 * thread, because {@code GatedModel} is not thread-safe and the MEC serialises forward passes.
 */
public final class DjlModelLoader implements ModelLoader, AutoCloseable {

  private final ExecutorService inference = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "bs-inference");
    t.setDaemon(true);
    return t;
  });

  @Override
  public ServingModel load(Path dir, String version) {
    return new GatedServingModel(ModelBundle.loadAll(dir), version, inference);
  }

  @Override
  public void close() {
    inference.shutdown();
  }
}
