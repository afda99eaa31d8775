package io.isacemu.training.job;

import io.isacemu.support.NotFoundException;

/** No job with that id is known (never submitted, or dropped from the bounded history). */
public final class JobNotFoundException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  public JobNotFoundException(long id) {
    super("job " + id + " does not exist (or was dropped from the bounded in-memory history)");
  }
}
