package io.isacemu.training.job;

import io.isacemu.support.ConflictException;

/** The job's state does not allow the request (results of an unfinished job, cancel a finished one). */
public final class JobConflictException extends ConflictException {

  private static final long serialVersionUID = 1L;

  public JobConflictException(String message) {
    super(message);
  }
}
