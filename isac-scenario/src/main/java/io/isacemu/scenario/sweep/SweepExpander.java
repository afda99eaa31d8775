package io.isacemu.scenario.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.Problems;
import io.isacemu.scenario.error.ScenarioException;
import io.isacemu.scenario.load.ScenarioReader;
import io.isacemu.scenario.load.ScenarioWriter;
import io.isacemu.scenario.model.Range;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Scenario → List<SweepPoint>}. Each point is the base scenario written out, the axis values
 * set at their key paths, and read back through the same strict reader — so a value that is bad for
 * its key ({@code cell.bandwidthHz: -1}) is refused exactly as in the file, the message naming the
 * point.
 */
public final class SweepExpander {

  private SweepExpander() {}

  /**
   * Every point of {@code s}'s sweep, in order; one point (index 0, no axis values) without a sweep.
   *
   * @throws ScenarioException listing every bad value of every point
   */
  public static List<SweepPoint> expand(Scenario s) {
    return expand(s, "<sweep>");
  }

  /** As {@link #expand(Scenario)}; {@code source} names the scenario in the exception's message. */
  public static List<SweepPoint> expand(Scenario s, String source) {
    SweepSpec sweep = s.sweep();
    long count = sweep.pointCount();
    if (count > sweep.maxPoints()) {
      // the reader refuses such a file; a scenario built in code is refused here
      throw new ScenarioException(source, List.of(new Problem("sweep.axes",
          Long.toString(count), count + " points exceed sweep.maxPoints " + sweep.maxPoints())));
    }
    ObjectNode base = ScenarioWriter.tree(s.withSweep(SweepSpec.NONE));
    List<String> paths = new ArrayList<>(sweep.axes().keySet());
    Problems problems = new Problems();
    List<SweepPoint> out = new ArrayList<>((int) count);
    for (int index = 0; index < count; index++) {
      Map<String, Object> values = valuesAt(sweep, paths, index);
      ObjectNode tree = base.deepCopy();
      values.forEach((path, v) -> set(tree, path, ScenarioWriter.scalar(v)));
      Problems local = new Problems();
      Optional<Scenario> point = ScenarioReader.readPoint(tree, local);
      String where = " (sweep point " + index + ": " + describe(values) + ")";
      local.list().forEach(p -> problems.add(new Problem(p.keyPath(), p.value(), p.message() + where)));
      point.ifPresent(p -> out.add(new SweepPoint(out.size(), values, p, TrainingFingerprint.of(p))));
    }
    problems.throwIfAny(source);
    return out;
  }

  /** The axis values of point {@code index}: zip takes the index-th of each; the grid is mixed-radix, last axis fastest. */
  private static Map<String, Object> valuesAt(SweepSpec sweep, List<String> paths, int index) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (sweep.zip()) {
      paths.forEach(p -> values.put(p, sweep.axes().get(p).get(index)));
      return values;
    }
    Object[] picked = new Object[paths.size()];
    long rest = index;
    for (int a = paths.size() - 1; a >= 0; a--) {
      List<Object> axis = sweep.axes().get(paths.get(a));
      picked[a] = axis.get((int) (rest % axis.size()));
      rest /= axis.size();
    }
    for (int a = 0; a < paths.size(); a++) {
      values.put(paths.get(a), picked[a]);
    }
    return values;
  }

  /** Sets {@code value} at dotted {@code path}, creating mappings on the way (the reader judges the result). */
  private static void set(ObjectNode root, String path, JsonNode value) {
    String[] keys = path.split("\\.", -1);
    ObjectNode n = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = n.path(keys[i]);
      n = next.isObject() ? (ObjectNode) next : n.putObject(keys[i]);
    }
    n.set(keys[keys.length - 1], value);
  }

  private static String describe(Map<String, Object> values) {
    StringBuilder b = new StringBuilder();
    values.forEach((p, v) -> b.append(b.length() == 0 ? "" : ", ").append(p).append(" = ")
        .append(v instanceof Double d ? Range.show(d) : v));
    return b.toString();
  }
}
