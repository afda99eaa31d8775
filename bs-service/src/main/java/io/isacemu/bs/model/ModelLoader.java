package io.isacemu.bs.model;

import java.nio.file.Path;

/** Turns an unpacked isac-learning bundle directory into a servable model. */
@FunctionalInterface
public interface ModelLoader {

  /**
   * @param dir the bundle directory (holding {@code MANIFEST.sha256}); may be deleted after return
   * @param version the registry's version of the bundle
   * @throws RuntimeException (e.g. {@code BundleException}) naming the problem
   */
  ServingModel load(Path dir, String version);
}
