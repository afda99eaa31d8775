package io.isacemu.scenario.error;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a scenario is read, so that one run reports all of them. */
public final class Problems {

  private final List<Problem> list = new ArrayList<>();

  public void add(String keyPath, String value, String message) {
    list.add(new Problem(keyPath, value, message));
  }

  public void add(Problem p) {
    list.add(p);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public int size() {
    return list.size();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }

  /** Throws a {@link ScenarioException} naming {@code source} when any problem was collected. */
  public void throwIfAny(String source) {
    if (!list.isEmpty()) {
      throw new ScenarioException(source, list);
    }
  }
}
