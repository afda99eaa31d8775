package io.isacemu.core.modality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A non-empty set of modalities: the input set {@code S_i} of an expert {@code E_i}.
 *
 * <p>Stored as a bit mask over {@link Modality#ordinal()}; at most {@code 2^M − 1} distinct sets
 * exist for {@code M} modalities. Printed and parsed in canonical order, e.g. {@code V+A+T}.
 *
 * @param mask bit i set iff {@code Modality.values()[i]} is in the set; in {@code [1, 2^M − 1]}
 */
public record ModalitySet(int mask) implements Comparable<ModalitySet> {

  private static final int FULL_MASK = (1 << Modality.values().length) - 1;

  public ModalitySet {
    if (mask <= 0 || mask > FULL_MASK) {
      throw new IllegalArgumentException(
          "mask: " + mask + " is not a non-empty modality set (valid range 1.." + FULL_MASK + ")");
    }
  }

  /** The set of the given modalities; at least one. */
  public static ModalitySet of(Modality first, Modality... rest) {
    int m = 1 << first.ordinal();
    for (Modality r : rest) {
      m |= 1 << r.ordinal();
    }
    return new ModalitySet(m);
  }

  /** The set of the given modalities; must not be empty. */
  public static ModalitySet of(Collection<Modality> modalities) {
    if (modalities == null || modalities.isEmpty()) {
      throw new IllegalArgumentException("modalities: empty set; an expert needs at least one modality");
    }
    int m = 0;
    for (Modality r : modalities) {
      m |= 1 << r.ordinal();
    }
    return new ModalitySet(m);
  }

  /** Every modality. */
  public static ModalitySet all() {
    return new ModalitySet(FULL_MASK);
  }

  /**
   * Parses {@code "V+A+T"}, {@code "T"}, {@code "video,audio"} (separators {@code + , space}).
   *
   * @throws IllegalArgumentException naming the value when it is empty or holds an unknown modality
   */
  public static ModalitySet parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("modalities: empty value; expected e.g. 'T' or 'V+A+T'");
    }
    List<Modality> ms = new ArrayList<>();
    for (String part : value.trim().split("[+,\\s]+")) {
      if (!part.isEmpty()) {
        ms.add(Modality.parse(part));
      }
    }
    return of(ms);
  }

  /** Whether {@code m} belongs to this set. */
  public boolean contains(Modality m) {
    return (mask & (1 << m.ordinal())) != 0;
  }

  /** Whether every modality of {@code other} is in this set. */
  public boolean containsAll(ModalitySet other) {
    return (mask & other.mask) == other.mask;
  }

  /** Number of modalities in the set, in {@code [1, M]}. */
  public int size() {
    return Integer.bitCount(mask);
  }

  /** The modalities in canonical (declaration) order. */
  public List<Modality> modalities() {
    List<Modality> out = new ArrayList<>(size());
    for (Modality m : Modality.values()) {
      if (contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The modalities as an {@link EnumSet}. */
  public Set<Modality> asEnumSet() {
    return EnumSet.copyOf(modalities());
  }

  /** Canonical name, e.g. {@code V+A+T}. */
  public String name() {
    StringBuilder sb = new StringBuilder();
    for (Modality m : modalities()) {
      if (sb.length() > 0) {
        sb.append('+');
      }
      sb.append(m.symbol());
    }
    return sb.toString();
  }

  @Override
  public int compareTo(ModalitySet o) {
    int c = Integer.compare(size(), o.size());
    return c != 0 ? c : Integer.compare(mask, o.mask);
  }

  @Override
  public String toString() {
    return name();
  }
}
