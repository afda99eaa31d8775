package io.isacemu.data.pickle;

import java.nio.ByteOrder;

/**
 * A numpy dtype as far as the readers need it: kind ({@code f}, {@code i}, {@code u}, {@code b},
 * {@code U}, {@code S}, {@code O}), item size in bytes and byte order. Built by the {@code
 * numpy.dtype} constructor ({@code dtype('f4', False, True)}) and completed by BUILD with numpy's
 * state tuple {@code (3, '<', None, None, None, elsize, alignment, flags)}.
 */
final class NumpyDtype {
  final char kind;
  int itemSize;
  ByteOrder order = ByteOrder.LITTLE_ENDIAN;

  private NumpyDtype(char kind, int itemSize) {
    this.kind = kind;
    this.itemSize = itemSize;
  }

  /** Parses numpy's type string as pickled, e.g. {@code f4}, {@code <f8}, {@code i8}, {@code U12}, {@code O8}. */
  static NumpyDtype parse(String typestr) {
    String s = typestr;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
      if (s.charAt(0) == '>') {
        order = ByteOrder.BIG_ENDIAN;
      }
      s = s.substring(1);
    }
    if (s.equals("?")) {
      s = "b1";
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("numpy dtype '" + typestr + "' is not supported");
    }
    char kind = s.charAt(0);
    int size;
    try {
      size = s.length() > 1 ? Integer.parseInt(s.substring(1)) : 0;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("numpy dtype '" + typestr + "' is not supported", e);
    }
    boolean ok =
        switch (kind) {
          case 'f' -> size == 4 || size == 8;
          case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
          case 'b' -> size == 1;
          case 'U' -> size >= 0;
          case 'S' -> size >= 0;
          case 'O' -> true;
          default -> false;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "numpy dtype '"
              + typestr
              + "' is not supported (supported: f4, f8, i1..i8, u1..u8, bool, U<n>, S<n>, object)");
    }
    NumpyDtype d = new NumpyDtype(kind, kind == 'U' ? size * 4 : size);
    d.order = order;
    return d;
  }

  /** numpy's dtype {@code __setstate__}: byte order at index 1, element size at index 5 for U/S. */
  void setState(Object[] state) {
    if (state.length < 2 || !(state[1] instanceof String)) {
      throw new IllegalArgumentException("numpy dtype state: unexpected layout of " + state.length + " items");
    }
    String bo = (String) state[1];
    if (bo.equals(">")) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (bo.equals("<") || bo.equals("|") || bo.equals("=")) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      throw new IllegalArgumentException("numpy dtype state: byte order '" + bo + "' is not supported");
    }
    if ((kind == 'U' || kind == 'S') && state.length > 5 && state[5] instanceof Number n) {
      if (n.intValue() > 0) {
        itemSize = n.intValue();
      }
    }
  }

  boolean numeric() {
    return kind == 'f' || kind == 'i' || kind == 'u' || kind == 'b';
  }

  @Override
  public String toString() {
    return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + kind + (kind == 'U' ? itemSize / 4 : itemSize);
  }
}
