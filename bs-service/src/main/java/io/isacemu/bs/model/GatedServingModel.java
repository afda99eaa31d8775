package io.isacemu.bs.model;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.ExpertInput;
import io.isacemu.learning.ExpertRunner;
import io.isacemu.learning.GateFeatures;
import io.isacemu.learning.GatedModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.isacemu.learning.BundleGates;
import io.isacemu.learning.BundleMetadata;
import io.isacemu.learning.deploy.DeploymentSummary;
import io.isacemu.learning.NetworkState;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A bundle's {@link GatedModel}s whose inference runs on one shared single-thread executor: the main
 * gate with the experts and, when the bundle has it, the FULL-input gate (a second {@link GatedModel}
 * whose gate alone is used; experts always run from the main one).
 */
final class GatedServingModel implements ServingModel {

  private final GatedModel model;
  private final Optional<GatedModel> full;
  private final String version;
  private final BundleMetadata metadata;
  private final ExecutorService inference;
  // split execution for LOCAL processing; over the same model, so also confined to `inference`
  private final ExpertRunner runner;

  /**
   * @throws IllegalArgumentException (closing {@code gates}) when a gate takes a network-state
   *     vector of another layout than {@link NetworkState}
   */
  GatedServingModel(BundleGates gates, String version, ExecutorService inference) {
    for (GatedModel g : java.util.stream.Stream.concat(java.util.stream.Stream.of(gates.gate()), gates.fullGate().stream()).toList()) {
      int dim = g.description().networkStateDim();
      if (dim != 0 && dim != NetworkState.DIM) {
        gates.close();
        throw new IllegalArgumentException("bundle " + version + ": networkStateDim " + dim
            + " is not the network-state layout's " + NetworkState.DIM + " (nor 0)");
      }
    }
    this.model = gates.gate();
    this.full = gates.fullGate();
    this.version = version;
    this.metadata = gates.metadata();
    this.inference = inference;
    this.runner = ExpertRunner.of(model);
  }

  @Override
  public Optional<ServingGate> fullGate() {
    return full.map(f -> new ServingGate() {
      @Override
      public ModalitySet gateInputs() {
        return f.description().gateInputs();
      }

      @Override
      public int networkStateDim() {
        return f.description().networkStateDim();
      }

      @Override
      public long gateFlops() {
        return f.gateFlops();
      }

      @Override
      public int[] choose(MultimodalSplit split, GateFeatures features) {
        return on(() -> f.choose(split, features));
      }
    });
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public Optional<String> deployRule() {
    return Optional.of(metadata.deployRule().wire());
  }

  @Override
  public Optional<DeploymentSummary> deployment() {
    return metadata.deployed().map(DeploymentSummary::of);
  }

  @Override
  public List<ModalitySet> experts() {
    return model.description().experts();
  }

  @Override
  public ModalitySet gateInputs() {
    return model.description().gateInputs();
  }

  @Override
  public int networkStateDim() {
    return model.description().networkStateDim();
  }

  @Override
  public long expertFlops(int i) {
    return model.expertFlops(i);
  }

  @Override
  public long gateFlops() {
    return model.gateFlops();
  }

  @Override
  public int[] choose(MultimodalSplit split, GateFeatures features) {
    return on(() -> model.choose(split, features));
  }

  @Override
  public float[] route(MultimodalSplit split, int[] choice) {
    return on(() -> model.route(split, choice));
  }

  @Override
  public boolean localCapable() {
    return true;
  }

  @Override
  public long encoderFlops(int expert, Modality m) {
    return runner.encoderFlops(expert, m);
  }

  @Override
  public int encodedWidth(int expert, Modality m) {
    return runner.encodedWidth(expert, m);
  }

  @Override
  public float[] predictMixed(int expert, List<Map<Modality, ExpertInput>> samples) {
    return on(() -> runner.predict(expert, samples));
  }

  private <T> T on(Callable<T> work) {
    Future<T> f = inference.submit(work);
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for inference", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("inference failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    if (inference.isShutdown()) {
      // context shutdown stopped the inference thread first: wait for its last pass, then close here
      try {
        inference.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeModels();
      return;
    }
    // close on the inference thread too, so it never races a running forward pass
    on(() -> {
      closeModels();
      return null;
    });
  }

  private void closeModels() {
    try {
      model.close();
    } finally {
      full.ifPresent(GatedModel::close);
    }
  }
}
