package io.isacemu.bs.model;

/**
 * A task's hold on the model in service: the model is not closed before every lease on it is
 * released, even if a newer version replaced it meanwhile. Release in the acquiring thread.
 */
public interface ModelLease extends AutoCloseable {

  /** The leased model. */
  ServingModel model();

  @Override
  void close();
}
