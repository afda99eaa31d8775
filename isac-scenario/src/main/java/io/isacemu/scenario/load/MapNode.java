package io.isacemu.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.isacemu.scenario.error.Problems;
import io.isacemu.scenario.model.Range;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One YAML mapping being read. Every accessor names a key as valid, reads it (an absent key gives
 * the default), and records a problem — at the key's path, with the value as written — instead of
 * throwing, returning the default so that reading goes on and every problem is reported. {@link
 * #finish()} then reports the keys nobody asked for, with the closest valid key.
 */
final class MapNode {

  private final String path;
  private final JsonNode node;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  MapNode(String path, JsonNode node, Problems problems) {
    this.path = path;
    this.problems = problems;
    if (node.isMissingNode() || node.isObject()) {
      this.node = node;
    } else {
      problems.add(path, text(node), shown(node) + " is not a mapping (key: value lines)");
      this.node = MissingNode.getInstance();
    }
  }

  /** The path of {@code key} under this mapping. */
  String path(String key) {
    if (key.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  Problems problems() {
    return problems;
  }

  /** A number in {@code range}; integers and texts such as {@code 20e6} are accepted. */
  double number(String key, double dflt, Range range) {
    return value(key, dflt, v -> toNumber(key, v).flatMap(d -> inRange(key, v, d, range)));
  }

  /** A whole number in {@code range}. */
  int integer(String key, int dflt, Range range) {
    // range first: 1e10 for a count is out of range, not "not whole"
    return value(key, dflt, v -> toNumber(key, v).flatMap(d -> inRange(key, v, d, range)).flatMap(d -> whole(key, v, d))
        .map(Double::intValue));
  }

  /** Any whole number (a seed). */
  long longInt(String key, long dflt) {
    return value(key, dflt, v -> {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return Optional.of(v.longValue());
      }
      if (v.isTextual()) {
        try {
          return Optional.of(Long.parseLong(v.textValue().strip()));
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      problems.add(path(key), text(v), shown(v) + " is not a whole number");
      return Optional.empty();
    });
  }

  boolean bool(String key, boolean dflt) {
    return value(key, dflt, v -> {
      if (v.isBoolean()) {
        return Optional.of(v.booleanValue());
      }
      if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
        return Optional.of(Boolean.parseBoolean(v.textValue()));
      }
      problems.add(path(key), text(v), shown(v) + " is not true or false");
      return Optional.empty();
    });
  }

  /** One of {@code allowed}. */
  String choice(String key, String dflt, List<String> allowed) {
    return value(key, dflt, v -> {
      if (v.isTextual() && allowed.contains(v.textValue())) {
        return Optional.of(v.textValue());
      }
      problems.add(path(key), text(v), shown(v) + " is not one of " + String.join(", ", allowed));
      return Optional.empty();
    });
  }

  /** Any text. */
  String string(String key, String dflt) {
    return value(key, dflt, v -> {
      if (v.isTextual()) {
        return Optional.of(v.textValue());
      }
      problems.add(path(key), text(v), shown(v) + " is not a text");
      return Optional.empty();
    });
  }

  /**
   * A list read element by element with {@code element} (given the element's path and node; empty =
   * a problem it reported); {@code dflt} when absent, not a list, or any element is bad.
   */
  <T> List<T> list(String key, List<T> dflt, ElementReader<T> element) {
    return value(key, dflt, v -> {
      if (!v.isArray()) {
        problems.add(path(key), text(v), shown(v) + " is not a list");
        return Optional.empty();
      }
      List<T> out = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < v.size(); i++) {
        Optional<T> e = element.read(path(key) + "[" + i + "]", v.get(i));
        ok &= e.isPresent();
        e.ifPresent(out::add);
      }
      return ok ? Optional.of(out) : Optional.empty();
    });
  }

  /** Reads one element of a list. */
  interface ElementReader<T> {
    Optional<T> read(String elementPath, JsonNode value);
  }

  /** A nested mapping; an absent key gives an empty one (every key takes its default). */
  MapNode child(String key) {
    known.add(key);
    JsonNode v = node.path(key);
    if (empty(v)) {
      problems.add(path(key), "", "is empty (omit the key to take the defaults)");
      v = MissingNode.getInstance();
    }
    return new MapNode(path(key), v, problems);
  }

  /** The raw node of {@code key} (absent: missing), making the key valid. */
  JsonNode raw(String key) {
    known.add(key);
    return node.path(key);
  }

  /** Reports every key of the file no accessor asked for. */
  void finish() {
    finish(Map.of());
  }

  /**
   * As {@link #finish()}; a key of {@code otherVariant} (key → the variant it belongs to, e.g.
   * {@code source: pickle}) is reported as belonging there rather than with a suggestion.
   */
  void finish(Map<String, String> otherVariant) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k) && otherVariant.containsKey(k)) {
        problems.add(path(k), text(node.get(k)), "unknown key here: only with " + otherVariant.get(k));
      } else if (!known.contains(k)) {
        String hint = KeySuggester.closest(k, known).map(c -> " (did you mean " + path(c) + "?)")
            .orElse(known.isEmpty() ? "" : " (valid keys: " + String.join(", ", known) + ")");
        problems.add(path(k), text(node.get(k)), "unknown key" + hint);
      }
    }
  }

  private <T> T value(String key, T dflt, Function<JsonNode, Optional<T>> read) {
    known.add(key);
    JsonNode v = node.path(key);
    if (v.isMissingNode()) {
      return dflt;
    }
    if (empty(v)) {
      problems.add(path(key), "", "is empty (omit the key to take the default "
          + (dflt instanceof Number d ? Range.show(d.doubleValue()) : dflt) + ")");
      return dflt;
    }
    return read.apply(v).orElse(dflt);
  }

  /** {@code key:} with nothing after it (YAML null; Jackson may give an empty text). */
  private static boolean empty(JsonNode v) {
    return v.isNull() || v.isTextual() && v.textValue().isEmpty();
  }

  private Optional<Double> inRange(String key, JsonNode v, double d, Range range) {
    Optional<String> bad = range.violation(d);
    bad.ifPresent(msg -> problems.add(path(key), text(v), msg));
    return bad.isPresent() ? Optional.empty() : Optional.of(d);
  }

  private Optional<Double> whole(String key, JsonNode v, double d) {
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      problems.add(path(key), text(v), shown(v) + " is not a whole number");
      return Optional.empty();
    }
    return Optional.of(d);
  }

  private Optional<Double> toNumber(String key, JsonNode v) {
    Optional<Double> d = number(v);
    if (d.isEmpty()) {
      problems.add(path(key), text(v), shown(v) + " is not a number");
    }
    return d;
  }

  /** {@code v} as a number: a YAML number, or a text Java reads as one ({@code 20e6}, which YAML 1.1 leaves a text). */
  static Optional<Double> number(JsonNode v) {
    if (v.isNumber()) {
      return Optional.of(v.doubleValue());
    }
    if (v.isTextual()) {
      String t = v.textValue().strip();
      if (t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
        return Optional.of(Double.parseDouble(t));
      }
    }
    return Optional.empty();
  }

  /** The value as written: a text unquoted, a number or boolean as is, a list or mapping as flow YAML. */
  static String text(JsonNode v) {
    if (v.isNumber()) {
      return Range.show(v.doubleValue());
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** The value in a message: texts quoted ({@code 'fast'}), the rest as written. */
  static String shown(JsonNode v) {
    return v.isTextual() ? "'" + v.textValue() + "'" : text(v);
  }
}
