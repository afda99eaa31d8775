package io.isacemu.training.engine;

/** Thrown out of a {@link ProgressListener} call to stop a job that was cancelled while running. */
public final class JobCancelledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobCancelledException(String message) {
    super(message);
  }
}
