// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.text;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the known name closest to a misspelled one. */
public final class Spelling {
  private Spelling() {}

  /**
   * {@return the candidate closest to {@code typed} (edit distance at most a third of it), or null}
   *
   * @param typed what the user typed
   * @param candidates the valid names
   */
  public static String closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, typed.length() / 3) + 1;
    for (String c : candidates) {
      int d = distance(typed.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  /**
   * {@return levenshtein distance with adjacent transpositions (fsnyc → fsync is 1)}
   *
   * @param a one string
   * @param b another
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
