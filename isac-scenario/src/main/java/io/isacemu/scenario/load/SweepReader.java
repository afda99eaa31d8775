package io.isacemu.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.isacemu.scenario.error.Problems;
import io.isacemu.scenario.model.Limits;
import io.isacemu.scenario.model.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Section {@code sweep}: first its shape (lists of scalars, not empty), then, against the resolved
 * scenario, its axes (each names a scalar key, not a list, a mapping or the sweep itself), the zip
 * lengths and the point budget.
 */
final class SweepReader {

  private SweepReader() {}

  static SweepSpec structure(MapNode n) {
    boolean zip = n.bool("zip", false);
    int maxPoints = n.integer("maxPoints", SweepSpec.NONE.maxPoints(), Limits.MAX_POINTS);
    JsonNode axesNode = n.raw("axes");
    n.finish();
    Map<String, List<Object>> axes = new LinkedHashMap<>();
    String axesPath = n.path("axes");
    if (axesNode.isMissingNode()) {
      return new SweepSpec(zip, maxPoints, axes);
    }
    if (!axesNode.isObject()) {
      n.problems().add(axesPath, MapNode.text(axesNode),
          MapNode.shown(axesNode) + " is not a mapping (key path: [values])");
      return SweepSpec.NONE;
    }
    axesNode.properties().forEach(e -> {
      String p = axesPath + "." + e.getKey();
      JsonNode v = e.getValue();
      if (!v.isArray()) {
        n.problems().add(p, MapNode.text(v), MapNode.shown(v) + " is not a list of values");
        return;
      }
      if (v.isEmpty()) {
        n.problems().add(p, "[]", "[] is empty: an axis needs at least one value (the grid would have no point)");
        return;
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        Optional<Object> s = scalar(v.get(i));
        if (s.isEmpty()) {
          n.problems().add(p + "[" + i + "]", MapNode.text(v.get(i)), MapNode.shown(v.get(i)) + " is not a scalar");
        }
        s.ifPresent(values::add);
      }
      axes.put(e.getKey(), values);
    });
    return new SweepSpec(zip, maxPoints, axes);
  }

  /** Checks the axes of {@code sweep} against {@code resolved}, the written base scenario. */
  static void paths(SweepSpec sweep, JsonNode resolved, Problems problems) {
    List<String> scalars = new ArrayList<>();
    collectScalars("", resolved, scalars);
    boolean pathsOk = true;
    for (String path : sweep.axes().keySet()) {
      String where = "sweep.axes." + path;
      String count = sweep.axes().get(path).size() + " values";
      if (path.equals("sweep") || path.startsWith("sweep.")) {
        problems.add(where, count, "the sweep cannot sweep itself");
        pathsOk = false;
        continue;
      }
      JsonNode target = at(resolved, path);
      if (path.equals("dataset.source") || path.endsWith(".mobility.type")) {
        // each variant has its own keys: one file per variant says which keys go with which
        problems.add(where, count, "selects a variant (its keys differ): write one scenario per variant instead");
        pathsOk = false;
      } else if (target.isMissingNode()) {
        String hint = KeySuggester.closest(path, scalars).map(c -> " (did you mean " + c + "?)").orElse("");
        problems.add(where, count, "unknown key path" + hint);
        pathsOk = false;
      } else if (!target.isValueNode()) {
        problems.add(where, count, "is " + (target.isArray() ? "a list" : "a mapping")
            + ", not a scalar: only numbers, booleans and texts can be swept");
        pathsOk = false;
      }
    }
    if (!pathsOk) {
      return;
    }
    if (sweep.zip() && sweep.axes().values().stream().map(List::size).distinct().count() > 1) {
      StringBuilder lengths = new StringBuilder();
      sweep.axes().forEach((p, v) -> lengths.append(lengths.length() == 0 ? "" : ", ").append(p).append(": ")
          .append(v.size()));
      problems.add("sweep.axes", lengths.toString(),
          "zip needs axes of equal length, got " + lengths);
      return;
    }
    long points = sweep.pointCount();
    if (points > sweep.maxPoints()) {
      problems.add("sweep.axes", Long.toString(points), (points == Long.MAX_VALUE ? "more than 2^63" : points)
          + " points exceed sweep.maxPoints " + sweep.maxPoints());
    }
  }

  /** The node at dotted {@code path} under {@code root}; missing when any step is. */
  static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String k : path.split("\\.", -1)) {
      n = n.isObject() ? n.path(k) : MissingNode.getInstance();
    }
    return n;
  }

  private static void collectScalars(String prefix, JsonNode n, List<String> out) {
    n.properties().forEach(e -> {
      String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (p.equals("sweep")) {
        return;
      }
      if (e.getValue().isObject()) {
        collectScalars(p, e.getValue(), out);
      } else if (e.getValue().isValueNode()) {
        out.add(p);
      }
    });
  }

  /** A YAML scalar as a sweep value: whole numbers {@link Long}, other numbers {@link Double}. */
  static Optional<Object> scalar(JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return Optional.of(v.longValue());
    }
    if (v.isNumber()) {
      return Optional.of(v.doubleValue());
    }
    if (v.isBoolean()) {
      return Optional.of(v.booleanValue());
    }
    if (v.isTextual()) {
      Optional<Double> d = MapNode.number(v);
      return d.isPresent() ? Optional.of(d.get()) : Optional.of(v.textValue());
    }
    return Optional.empty();
  }
}
