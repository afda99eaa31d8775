package io.isacemu.learning.frontier;

import io.isacemu.core.validation.Check;
import io.isacemu.learning.GateExpertCost;
import java.util.List;

/** The checks of a {@link RoutingFrontier}'s per-sample inputs; errors name the field and the value. */
final class FrontierInputs {

  private FrontierInputs() {}

  static float[] sameLength(String field, float[] a, int n) {
    length(field, Check.present(field, a).length, n);
    return a;
  }

  static void sameLength(String field, boolean[] a, int n) {
    length(field, Check.present(field, a).length, n);
  }

  static void sameLength(String field, int[] a, int n) {
    length(field, Check.present(field, a).length, n);
  }

  private static void length(String field, int length, int n) {
    if (length != n) {
      throw new IllegalArgumentException(field + ": length " + length + " != labels length " + n);
    }
  }

  static float[] finiteCopy(String field, float[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Float.isFinite(a[i])) {
        throw new IllegalArgumentException(field + "[" + i + "]: " + a[i] + " is not a finite number");
      }
    }
    return a.clone();
  }

  static List<GateExpertCost> costs(String field, List<GateExpertCost> c, int n) {
    Check.present(field, c);
    if (c.size() != n) {
      throw new IllegalArgumentException(field + ": size " + c.size() + " != labels length " + n);
    }
    for (int i = 0; i < n; i++) {
      if (c.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "]: is required (was null)");
      }
    }
    return List.copyOf(c);
  }
}
