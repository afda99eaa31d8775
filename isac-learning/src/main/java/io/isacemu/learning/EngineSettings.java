package io.isacemu.learning;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.isacemu.core.validation.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine a bundle was trained on: training is reproducible only on the same versions and the
 * same thread counts (PyTorch's CPU reductions sum in a thread-dependent order).
 *
 * @param djlVersion DJL's version, e.g. {@code 0.36.0}
 * @param pytorchVersion the PyTorch (libtorch) version the engine loaded, e.g. {@code 2.7.1}
 * @param intraOpThreads PyTorch's intra-op thread count in effect (as the engine reports it), ≥ 1
 * @param interOpThreads PyTorch's inter-op thread count in effect, ≥ 1
 * @param threadProperties the thread system properties as given ({@link #THREAD_PROPERTIES}); an
 *     unset one is left out
 */
public record EngineSettings(
    String djlVersion, String pytorchVersion, int intraOpThreads, int interOpThreads,
    Map<String, String> threadProperties) {

  /** The system properties DJL's PyTorch engine reads its thread counts from at start-up. */
  public static final java.util.List<String> THREAD_PROPERTIES =
      java.util.List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads");

  public EngineSettings {
    Check.present("djlVersion", djlVersion);
    Check.present("pytorchVersion", pytorchVersion);
    Check.positive("intraOpThreads", intraOpThreads);
    Check.positive("interOpThreads", interOpThreads);
    threadProperties = Map.copyOf(Check.present("threadProperties", threadProperties));
  }

  /** The settings of this JVM's PyTorch engine (loading it if need be). */
  public static EngineSettings current() {
    Engine engine = Engine.getEngine("PyTorch");
    Map<String, String> given = new LinkedHashMap<>();
    for (String p : THREAD_PROPERTIES) {
      String v = System.getProperty(p);
      if (v != null) {
        given.put(p, v);
      }
    }
    // the engine's own numbers, not the properties: they are what ran (defaults when unset)
    return new EngineSettings(Engine.getDjlVersion(), engine.getVersion(), JniUtils.getNumThreads(),
        JniUtils.getNumInteropThreads(), given);
  }
}
