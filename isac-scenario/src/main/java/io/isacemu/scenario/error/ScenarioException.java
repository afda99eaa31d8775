package io.isacemu.scenario.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario that cannot be used, with every problem found (not only the first): a CLI prints
 * {@link #getMessage()} and exits 2, a REST endpoint answers 400 with {@link #problems()}.
 */
public final class ScenarioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * @param source what was read (a file name, {@code <string>}), for the message only
   * @param problems at least one
   */
  public ScenarioException(String source, List<Problem> problems) {
    super(message(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: [] a ScenarioException needs at least one");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found (document order, then cross-field rules, then the sweep). */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(String source, List<Problem> problems) {
    return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in scenario " + source + ":\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
