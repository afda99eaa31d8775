package io.isacemu.scenario.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The valid key closest to a mistyped one, by Levenshtein distance (case-insensitive). */
final class KeySuggester {

  private KeySuggester() {}

  /**
   * The candidate nearest {@code wrong}, if near enough to be a typo: at most 3 edits, or half the
   * key's length for long keys ({@code bandwith} → {@code bandwidthHz} is 3).
   */
  static Optional<String> closest(String wrong, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(3, wrong.length() / 2);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Edits (insert, delete, substitute) turning {@code a} into {@code b}. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
