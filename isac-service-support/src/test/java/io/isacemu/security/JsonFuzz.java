package io.isacemu.security;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request bodies for fuzzing a JSON API (jqwik): random JSON whose keys are mostly the endpoint's
 * own field names (so the values reach its validation), with wrong types, huge and tiny numbers
 * (written as JSON text: 1e400 does not fit a double), unicode and control characters, deep nesting,
 * and plain garbage. Shared with the services' tests (test-jar).
 */
public final class JsonFuzz {

  private JsonFuzz() {}

  /** Bodies for an endpoint whose fields are {@code fields}. */
  public static Arbitrary<String> bodies(List<String> fields) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, object(fields, 3)),
        net.jqwik.api.Tuple.of(1, value(fields, 2)),
        net.jqwik.api.Tuple.of(1, garbage()));
  }

  /**
   * Bodies that are valid but for one or two fields: {@code valid} maps each field to a valid JSON
   * value; each body replaces or drops some of them, so the fuzzed values get past the parser and
   * reach the service's validation and its work.
   */
  public static Arbitrary<String> nearlyValid(java.util.LinkedHashMap<String, String> valid) {
    List<String> fields = List.copyOf(valid.keySet());
    Arbitrary<java.util.Map<String, String>> changes = Combinators.combine(Arbitraries.of(fields),
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, value(fields, 1)), net.jqwik.api.Tuple.of(1, Arbitraries.just(""))))
        .as((f, v) -> java.util.Map.entry(f, v)).list().ofMinSize(0).ofMaxSize(2)
        .map(es -> {
          java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
          es.forEach(e -> m.put(e.getKey(), e.getValue()));
          return m;
        });
    return changes.map(change -> {
      List<String> members = new java.util.ArrayList<>();
      valid.forEach((k, v) -> {
        String value = change.getOrDefault(k, v);
        if (!value.isEmpty()) { // "" = the field dropped
          members.add(quote(k) + ":" + value);
        }
      });
      return "{" + String.join(",", members) + "}";
    });
  }

  private static Arbitrary<String> object(List<String> fields, int depth) {
    Arbitrary<String> key = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of(fields)),
        net.jqwik.api.Tuple.of(1, text()));
    Arbitrary<String> member = Combinators.combine(key, value(fields, depth - 1))
        .as((k, v) -> quote(k) + ":" + v);
    return member.list().ofMaxSize(6).map(ms -> "{" + String.join(",", ms) + "}");
  }

  private static Arbitrary<String> value(List<String> fields, int depth) {
    Arbitrary<String> leaf = Arbitraries.oneOf(number(), text().map(JsonFuzz::quote),
        Arbitraries.of("true", "false", "null"));
    if (depth <= 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, leaf),
        net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(fields, depth - 1)).list().ofMaxSize(5)
            .map(vs -> "[" + String.join(",", vs) + "]")),
        net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(fields, depth - 1))));
  }

  private static Arbitrary<String> number() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("Infinity") && !d.contains("NaN")),
        Arbitraries.of("0", "-0", "1e300", "1e400", "-1e400", "1e-400", "9223372036854775808",
            "123456789012345678901234567890", "2147483648", "-2147483649", "0.000001", "1E+2", "-1"));
  }

  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5),
        Arbitraries.of("", "full", "on-demand", "fixed:T", "fixed:V+A+T", "fixed:", "synthetic", "pickle",
            "../../etc/passwd", "\u0000", "😀", "\uD800", "ʇsǝʇ", "a".repeat(10_000)));
  }

  private static Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.of("{", "}", "[", "{\"a\":", "{\"a\" 1}", "nul", "{\"count\":01}", "\"\\u12\"", "[[[[[[[[[[",
            "{\"a\":1,}", "\u0000", ""));
  }

  /** A JSON string literal of {@code s}, escaping what JSON requires (lone surrogates pass as they are). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
