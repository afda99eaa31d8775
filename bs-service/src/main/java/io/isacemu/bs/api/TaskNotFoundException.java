package io.isacemu.bs.api;

/** No task with this id (never existed, or evicted from the history). */
class TaskNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TaskNotFoundException(String id) {
    super("task '" + id + "' not found");
  }
}
