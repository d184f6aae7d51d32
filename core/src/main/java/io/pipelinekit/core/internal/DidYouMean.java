package io.pipelinekit.core.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name closest to an unknown one, for "did you mean …?" in messages: a name that
 * differs only in case, {@code -}, {@code _} or spaces first, else the nearest by edit distance
 * (case-insensitive) within a limit.
 */
public final class DidYouMean {
  private DidYouMean() {}

  /** The closest known name within a limit that grows with the name's length (1 to 3 edits). */
  public static Optional<String> suggest(String unknown, Collection<String> known) {
    return suggest(unknown, known, Math.max(1, Math.min(3, unknown.length() / 3)));
  }

  /** The closest known name at most {@code maxDistance} edits away; the first of equals wins. */
  public static Optional<String> suggest(
      String unknown, Collection<String> known, int maxDistance) {
    String norm = normalize(unknown);
    String lower = unknown.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      if (normalize(k).equals(norm)) {
        return Optional.of(k);
      }
      int d = distance(lower, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= maxDistance ? Optional.ofNullable(best) : Optional.empty();
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
