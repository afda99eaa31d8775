package io.isacemu.experiments;

/** Where a run's progress lines go: the CLI's stdout, a service's log and progress view. */
@FunctionalInterface
public interface RunLog {

  /** One line, {@link String#format} style. */
  void say(String fmt, Object... args);

  /** The run's progress changed; {@code progress} stays live (thread-safe) for the rest of the run. */
  default void progress(Progress progress) {
    say("%s", progress.line());
  }
}
