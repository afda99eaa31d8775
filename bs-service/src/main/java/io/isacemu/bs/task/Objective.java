package io.isacemu.bs.task;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Locale;

/** What the scheduler minimises for a task's fetch rounds. */
public enum Objective {
  /** Makespan (the slowest device's sensing + upload). */
  LATENCY,
  /** Total device energy, subject to the task's deadline. */
  ENERGY;

  /** Parses {@code latency} or {@code energy}, case-insensitive; error names the value. */
  public static Objective parse(String value) {
    if (value != null) {
      for (Objective o : values()) {
        if (o.name().equalsIgnoreCase(value.trim())) {
          return o;
        }
      }
    }
    throw InvalidFieldException.rejected("objective", value, "is not one of latency, energy");
  }

  /** Lower-case name. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
