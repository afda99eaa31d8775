package io.isacemu.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Names of closed choices as they appear in a scenario file (lower case, {@code -} for {@code _}). */
public final class Wire {

  private Wire() {}

  /** {@code ON_DEMAND} → {@code on-demand}. */
  public static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant whose wire name is {@code value} (exact). */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (name(e).equals(value)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Every wire name of {@code type}, in declaration order. */
  public static <E extends Enum<E>> List<String> names(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(name(e));
    }
    return out;
  }
}
